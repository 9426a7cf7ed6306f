namespace InboundConversations;

/// <summary>What a <see cref="ConversationTimer"/> waits for; a conversation holds at most one timer of each kind.</summary>
public enum ConversationTimerKind
{
    /// <summary>
    /// The conversation has waited in its team's queue as long as the team's queue timeout allows; armed when it enters
    /// a team's queue, cancelled when it leaves it. Fires the fallback of <c>QueueTimeout(after, then)</c>.
    /// </summary>
    QueueTimeout = 1,

    /// <summary>
    /// The contact has not answered an agent for <see cref="InboundConversationsOptions.AutoCloseAfter"/>; (re)armed by
    /// each agent's message, cancelled by the contact's message, a snooze or the close. Fires a close by the system.
    /// </summary>
    AutoClose,

    /// <summary>A snoozed conversation's snooze ends; armed by a snooze, cancelled when it wakes. Fires the wake.</summary>
    SnoozeEnd,
}
