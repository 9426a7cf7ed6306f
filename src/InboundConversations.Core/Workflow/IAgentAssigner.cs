namespace InboundConversations.Workflow;

/// <summary>
/// Picks an available agent of the routed team without a human: round robin, least open conversations, longest
/// idle, sticky to the contact's last agent, a specific agent, or none (see <see cref="AgentAssigners"/>).
/// </summary>
/// <remarks>
/// An assigner reserves the agent through <see cref="AssignmentContext.ReserveAsync"/>, which picks and reserves
/// capacity atomically, so no agent ever exceeds their capacity. An assigner that throws, or returns an agent it
/// did not reserve, has its reservations given back and the conversation queued: never lost.
/// </remarks>
public interface IAgentAssigner
{
    /// <summary>The step's name in the run record and logs.</summary>
    string Name { get; }

    /// <summary>Picks and reserves an agent for the conversation.</summary>
    /// <param name="context">The conversation, the team, the facts, and the reservation call.</param>
    /// <param name="cancellationToken">Cancelled when the step's timeout passes.</param>
    /// <returns>The decision: assigned, no agent available (queue it), or leave unassigned.</returns>
    ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken);
}
