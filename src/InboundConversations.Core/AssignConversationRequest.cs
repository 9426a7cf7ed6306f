namespace InboundConversations;

/// <summary>Assigns an open conversation to an agent by hand (an agent picking it up, a supervisor, the API).</summary>
public sealed record AssignConversationRequest
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The open conversation.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>The agent to take it: a member of the conversation's team (if it has one), online or away, below capacity.</summary>
    public required AgentId Agent { get; init; }

    /// <summary>Who assigns it: an agent, the API or a workflow.</summary>
    public required Actor AssignedBy { get; init; }
}
