namespace InboundConversations;

/// <summary>No agent of the team was available: the conversation waits in the team's queue.</summary>
public sealed record ConversationQueued : ConversationEvent
{
    /// <summary>Creates the event from the stored conversation.</summary>
    /// <param name="conversation">The conversation as stored when queued.</param>
    /// <param name="occurredAt">When it was queued.</param>
    public ConversationQueued(Conversation conversation, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
    }

    /// <summary>The conversation as stored when queued.</summary>
    public Conversation Conversation { get; }

    /// <summary>The team whose queue it waits in.</summary>
    public TeamId Team => Conversation.Team ?? default;
}
