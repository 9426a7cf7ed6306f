namespace InboundConversations;

/// <summary>A snoozed conversation woke: its snooze ended, or the contact wrote first.</summary>
public sealed record ConversationWoke : ConversationEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="conversation">The conversation as stored when it woke (Assigned or Unassigned).</param>
    /// <param name="reason">Why it woke.</param>
    /// <param name="occurredAt">When it woke.</param>
    public ConversationWoke(Conversation conversation, WakeReason reason, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
        Reason = reason;
    }

    /// <summary>The conversation as stored when it woke.</summary>
    public Conversation Conversation { get; }

    /// <summary>Why it woke.</summary>
    public WakeReason Reason { get; }
}
