namespace InboundConversations;

/// <summary>
/// How <see cref="Storage.IAgentDirectory.ReserveAsync"/> picks among a team's available agents (online, below capacity).
/// </summary>
public enum AgentOrder
{
    /// <summary>The agent after the team's last pick, in id order, wrapping around: even counts, also under concurrent openings.</summary>
    RoundRobin = 1,

    /// <summary>The agent with the fewest open conversations; ties go to the agent idle longest.</summary>
    LeastOpen,

    /// <summary>The agent whose last assignment is oldest (never assigned counts as oldest).</summary>
    LongestIdle,

    /// <summary>Only <see cref="AgentSelection.Agent"/>, if they are an available member of the team.</summary>
    Specific,
}

/// <summary>A request to pick and reserve one agent of a team, atomically.</summary>
/// <param name="Order">How to pick.</param>
/// <param name="Agent">The agent for <see cref="AgentOrder.Specific"/>; ignored otherwise.</param>
/// <param name="RequireOnline">
/// True (the default for automatic assignment): only online agents. False: away agents qualify too (offline agents never do).
/// </param>
public readonly record struct AgentSelection(AgentOrder Order, AgentId Agent = default, bool RequireOnline = true)
{
    /// <summary>Round robin over the team.</summary>
    public static AgentSelection RoundRobin { get; } = new(AgentOrder.RoundRobin);

    /// <summary>The least loaded agent, ties to the longest idle.</summary>
    public static AgentSelection LeastOpen { get; } = new(AgentOrder.LeastOpen);

    /// <summary>The agent idle longest.</summary>
    public static AgentSelection LongestIdle { get; } = new(AgentOrder.LongestIdle);

    /// <summary>One specific agent.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The selection.</returns>
    public static AgentSelection Specific(AgentId agent) => new(AgentOrder.Specific, agent);
}
