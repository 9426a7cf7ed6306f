namespace InboundConversations;

/// <summary>An agent took a conversation: automatically (the workflow ends here), from the queue, or by a manual assignment or transfer.</summary>
public sealed record ConversationAssigned : ConversationEvent
{
    /// <summary>Creates the event from the stored conversation.</summary>
    /// <param name="conversation">The conversation as stored when assigned.</param>
    /// <param name="assignedBy">Who assigned it: the workflow, an agent or the API.</param>
    /// <param name="occurredAt">When it was assigned.</param>
    public ConversationAssigned(Conversation conversation, Actor assignedBy, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
        AssignedBy = assignedBy;
    }

    /// <summary>The conversation as stored when assigned.</summary>
    public Conversation Conversation { get; }

    /// <summary>The agent who now owns it.</summary>
    public AgentId Assignee => Conversation.Assignee ?? default;

    /// <summary>Who assigned it.</summary>
    public Actor AssignedBy { get; }
}
