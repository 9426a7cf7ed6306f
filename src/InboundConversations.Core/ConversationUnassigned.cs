namespace InboundConversations;

/// <summary>A conversation lost its agent (or was left without one): it waits Unassigned for manual pick-up.</summary>
public sealed record ConversationUnassigned : ConversationEvent
{
    /// <summary>Creates the event from the stored conversation.</summary>
    /// <param name="conversation">The conversation as stored when unassigned.</param>
    /// <param name="previousAssignee">The agent who had it, if any.</param>
    /// <param name="unassignedBy">Who unassigned it: the workflow, an agent or the API.</param>
    /// <param name="occurredAt">When it was unassigned.</param>
    public ConversationUnassigned(Conversation conversation, AgentId? previousAssignee, Actor unassignedBy, DateTimeOffset occurredAt)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, occurredAt)
    {
        Conversation = conversation;
        PreviousAssignee = previousAssignee;
        UnassignedBy = unassignedBy;
    }

    /// <summary>The conversation as stored when unassigned.</summary>
    public Conversation Conversation { get; }

    /// <summary>The agent who had it, if any.</summary>
    public AgentId? PreviousAssignee { get; }

    /// <summary>Who unassigned it.</summary>
    public Actor UnassignedBy { get; }
}
