namespace InboundConversations;

/// <summary>
/// Moves an open conversation to another team (assigned there as the workflow's assigner decides, or queued) or to a
/// specific agent. The previous agent's capacity is given back.
/// </summary>
public sealed record TransferConversationRequest
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The open conversation.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>The team to transfer to; with <see cref="ToAgent"/>, the agent must be in it.</summary>
    public TeamId? ToTeam { get; init; }

    /// <summary>The agent to transfer to; without <see cref="ToTeam"/>, the conversation's team if the agent is in it, else the agent's first team.</summary>
    public AgentId? ToAgent { get; init; }

    /// <summary>Who transfers it: an agent, the API or a workflow.</summary>
    public required Actor TransferredBy { get; init; }
}
