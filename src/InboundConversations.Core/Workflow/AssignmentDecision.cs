namespace InboundConversations.Workflow;

/// <summary>What an assigner decided.</summary>
public enum AssignmentOutcome
{
    /// <summary>An agent was reserved: the conversation is assigned and the workflow ends.</summary>
    Assigned = 1,

    /// <summary>No agent of the team is available: the conversation waits in the team's queue.</summary>
    NoAgentAvailable,

    /// <summary>Leave the conversation Unassigned for manual pick-up (the "none" strategy).</summary>
    LeaveUnassigned,
}

/// <summary>An assigner's decision.</summary>
/// <param name="Outcome">Assigned, no agent available, or leave unassigned.</param>
/// <param name="Agent">The reserved agent when <paramref name="Outcome"/> is <see cref="AssignmentOutcome.Assigned"/>.</param>
public readonly record struct AssignmentDecision(AssignmentOutcome Outcome, Agent? Agent)
{
    /// <summary>No agent is available now: queue the conversation.</summary>
    public static AssignmentDecision NoAgentAvailable { get; } = new(AssignmentOutcome.NoAgentAvailable, null);

    /// <summary>Leave the conversation for manual pick-up.</summary>
    public static AssignmentDecision LeaveUnassigned { get; } = new(AssignmentOutcome.LeaveUnassigned, null);

    /// <summary>The agent reserved through <see cref="AssignmentContext.ReserveAsync"/> takes the conversation.</summary>
    /// <param name="agent">The reserved agent.</param>
    /// <returns>The decision.</returns>
    public static AssignmentDecision AssignedTo(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(AssignmentOutcome.Assigned, agent);
    }

    /// <summary>Assigned if <paramref name="reserved"/> is an agent, otherwise no agent available.</summary>
    /// <param name="reserved">The result of <see cref="AssignmentContext.ReserveAsync"/>.</param>
    /// <returns>The decision.</returns>
    public static AssignmentDecision From(Agent? reserved) => reserved is null ? NoAgentAvailable : AssignedTo(reserved);
}
