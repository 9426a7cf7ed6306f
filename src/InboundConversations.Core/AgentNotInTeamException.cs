namespace InboundConversations;

/// <summary>The agent is not a member of the conversation's team (or the team named). Nothing was stored.</summary>
public sealed class AgentNotInTeamException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="team">The team they are not in.</param>
    public AgentNotInTeamException(AgentId agent, TeamId team)
        : base($"Agent '{agent}' is not a member of team '{team}'.")
    {
        Agent = agent;
        Team = team;
    }

    /// <summary>The agent.</summary>
    public AgentId Agent { get; }

    /// <summary>The team they are not in.</summary>
    public TeamId Team { get; }
}
