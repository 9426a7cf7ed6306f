namespace InboundConversations;

/// <summary>Adds an agent to the directory or changes their teams and capacity (presence and load are kept).</summary>
public sealed record AgentRegistration
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The agent.</summary>
    public required AgentId Agent { get; init; }

    /// <summary>The teams the agent belongs to; at least one.</summary>
    public required IReadOnlyList<TeamId> Teams { get; init; }

    /// <summary>The most conversations the agent may hold at once; at least 1.</summary>
    public required int Capacity { get; init; }

    /// <summary>The agent's presence when first registered; ignored for an agent already known.</summary>
    public AgentPresence InitialPresence { get; init; } = AgentPresence.Offline;
}
