namespace InboundConversations;

/// <summary>A conversation was snoozed (<see cref="IConversationEngine.SnoozeAsync"/>).</summary>
public sealed record ConversationSnoozed : ConversationEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="conversation">The conversation as stored when snoozed.</param>
    /// <param name="snoozedBy">Who snoozed it.</param>
    /// <param name="occurredAt">When it was snoozed.</param>
    public ConversationSnoozed(Conversation conversation, Actor snoozedBy, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
        SnoozedBy = snoozedBy;
    }

    /// <summary>The conversation as stored when snoozed.</summary>
    public Conversation Conversation { get; }

    /// <summary>Who snoozed it.</summary>
    public Actor SnoozedBy { get; }

    /// <summary>When the snooze ends unless the contact writes first.</summary>
    public DateTimeOffset Until => Conversation.SnoozedUntil ?? OccurredAt;
}
