namespace InboundConversations;

/// <summary>
/// A conversation waited in a team's queue for the team's queue timeout, and its fallback ran. Raised after the
/// fallback's own event (<see cref="ConversationAssigned"/>, <see cref="ConversationQueued"/>, <see cref="ConversationUnassigned"/>
/// or <see cref="ConversationClosed"/>), if it had one.
/// </summary>
public sealed record ConversationQueueTimedOut : ConversationEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="conversation">The conversation as the fallback left it.</param>
    /// <param name="team">The team in whose queue it timed out.</param>
    /// <param name="queuedAt">When it entered that queue.</param>
    /// <param name="action">What the fallback did.</param>
    /// <param name="occurredAt">When the timeout fired.</param>
    public ConversationQueueTimedOut(Conversation conversation, TeamId team, DateTimeOffset queuedAt, QueueTimeoutAction action, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
        Team = team;
        QueuedAt = queuedAt;
        Action = action;
    }

    /// <summary>The conversation as the fallback left it (for a transfer: assigned or queued in the new team).</summary>
    public Conversation Conversation { get; }

    /// <summary>The team in whose queue it timed out.</summary>
    public TeamId Team { get; }

    /// <summary>When it entered that team's queue.</summary>
    public DateTimeOffset QueuedAt { get; }

    /// <summary>What the fallback did.</summary>
    public QueueTimeoutAction Action { get; }
}
