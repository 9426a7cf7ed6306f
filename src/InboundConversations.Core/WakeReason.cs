namespace InboundConversations;

/// <summary>Why a snoozed conversation woke (<see cref="ConversationWoke.Reason"/>).</summary>
public enum WakeReason
{
    /// <summary>Its snooze ended: the background pass fired its <see cref="ConversationTimerKind.SnoozeEnd"/> timer.</summary>
    SnoozeEnded = 1,

    /// <summary>The contact wrote before the snooze ended.</summary>
    ContactMessage,
}
