namespace InboundConversations;

/// <summary>The workflow (or a transfer) named the team responsible for a conversation.</summary>
public sealed record ConversationRouted : ConversationEvent
{
    /// <summary>Creates the event from the stored conversation.</summary>
    /// <param name="conversation">The conversation as stored after routing; its <see cref="Conversation.Team"/> is set.</param>
    /// <param name="occurredAt">When it was routed.</param>
    public ConversationRouted(Conversation conversation, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
    }

    /// <summary>The conversation as stored after routing.</summary>
    public Conversation Conversation { get; }

    /// <summary>The team it was routed to.</summary>
    public TeamId Team => Conversation.Team ?? default;
}
