namespace InboundConversations;

/// <summary>A snapshot of an agent: a human who answers conversations, member of one or more teams.</summary>
public sealed record Agent
{
    /// <summary>The workspace the agent works in.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The agent's id.</summary>
    public required AgentId Id { get; init; }

    /// <summary>The teams the agent belongs to.</summary>
    public required IReadOnlyList<TeamId> Teams { get; init; }

    /// <summary>Online, away or offline.</summary>
    public required AgentPresence Presence { get; init; }

    /// <summary>The most conversations the agent may hold assigned at once.</summary>
    public required int Capacity { get; init; }

    /// <summary>How many open conversations are assigned to the agent now.</summary>
    public required int OpenConversations { get; init; }

    /// <summary>When the agent was last assigned a conversation; <see langword="null"/> if never.</summary>
    public DateTimeOffset? LastAssignedAt { get; init; }

    /// <summary>True if the agent is online and below capacity: automatic assignment may pick them.</summary>
    public bool IsAvailable => Presence == AgentPresence.Online && OpenConversations < Capacity;
}
