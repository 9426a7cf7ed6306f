namespace InboundConversations;

/// <summary>Takes an open conversation away from its agent; it waits Unassigned for someone to pick it up.</summary>
public sealed record UnassignConversationRequest
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The open conversation.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>Who unassigns it: an agent, the API or a workflow.</summary>
    public required Actor UnassignedBy { get; init; }
}
