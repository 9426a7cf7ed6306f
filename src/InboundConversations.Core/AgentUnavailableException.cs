namespace InboundConversations;

/// <summary>
/// The agent cannot take the conversation now: offline, or at capacity. Nothing was stored. (Manual assignment
/// accepts away agents; automatic assignment, by default, only online ones.)
/// </summary>
public sealed class AgentUnavailableException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="agent">The agent as the directory knows them.</param>
    public AgentUnavailableException(Agent agent)
        : base(Describe(agent))
    {
        Agent = agent?.Id ?? default;
        Presence = agent?.Presence ?? AgentPresence.Offline;
    }

    /// <summary>The agent.</summary>
    public AgentId Agent { get; }

    /// <summary>Their presence when refused.</summary>
    public AgentPresence Presence { get; }

    private static string Describe(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.Presence == AgentPresence.Offline
            ? $"Agent '{agent.Id}' is offline."
            : $"Agent '{agent.Id}' is at capacity ({agent.OpenConversations} of {agent.Capacity} open conversations).";
    }
}
