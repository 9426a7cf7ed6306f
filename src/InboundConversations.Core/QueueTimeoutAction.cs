namespace InboundConversations;

/// <summary>What a queue timeout's fallback does with a conversation that waited too long (respond.io's timeout branch).</summary>
public enum QueueTimeoutAction
{
    /// <summary>Transfers it to another team (overflow): assigned there if someone has room, otherwise queued there under that team's own timeout.</summary>
    Transfer = 1,

    /// <summary>Takes it out of the queue to the Unassigned inbox, for manual pick-up.</summary>
    Unassign,

    /// <summary>Closes it with a category.</summary>
    Close,

    /// <summary>Only raises <see cref="ConversationQueueTimedOut"/>: the conversation stays queued, without another timeout.</summary>
    Notify,
}
