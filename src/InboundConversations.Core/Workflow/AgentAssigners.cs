using InboundConversations.Internal.Domain;

namespace InboundConversations.Workflow;

/// <summary>The shipped assignment strategies.</summary>
/// <remarks>
/// With <c>onlyOnlineAgents</c> true (the default) only online agents qualify; false lets away agents qualify
/// too. Offline agents and agents at capacity never do.
/// </remarks>
public static class AgentAssigners
{
    /// <summary>
    /// Takes the team's agents in turn (by id, from the last one picked), skipping unavailable ones: every agent
    /// gets the same count ±1, also under concurrent openings, since the pick and the reservation are one atomic step.
    /// </summary>
    /// <param name="onlyOnlineAgents">False to let away agents qualify.</param>
    /// <returns>The assigner.</returns>
    public static IAgentAssigner RoundRobin(bool onlyOnlineAgents = true) =>
        new SelectionAssigner("round-robin", AgentSelection.RoundRobin with { RequireOnline = onlyOnlineAgents });

    /// <summary>
    /// Picks the available agent with the fewest open conversations; ties go to the agent idle longest. With the
    /// in-memory directory this is O(log n) for a team of n agents: a sorted index, no scan of the team.
    /// </summary>
    /// <param name="onlyOnlineAgents">False to let away agents qualify.</param>
    /// <returns>The assigner.</returns>
    public static IAgentAssigner LeastOpen(bool onlyOnlineAgents = true) =>
        new SelectionAssigner("least-open", AgentSelection.LeastOpen with { RequireOnline = onlyOnlineAgents });

    /// <summary>Picks the available agent whose last assignment is oldest (never assigned first). O(log n) in memory.</summary>
    /// <param name="onlyOnlineAgents">False to let away agents qualify.</param>
    /// <returns>The assigner.</returns>
    public static IAgentAssigner LongestIdle(bool onlyOnlineAgents = true) =>
        new SelectionAssigner("longest-idle", AgentSelection.LongestIdle with { RequireOnline = onlyOnlineAgents });

    /// <summary>Always picks <paramref name="agent"/>, if they are an available member of the routed team; otherwise the conversation is queued.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="onlyOnlineAgents">False to let an away agent qualify.</param>
    /// <returns>The assigner.</returns>
    /// <exception cref="InvalidIdentifierException"><paramref name="agent"/> is empty.</exception>
    public static IAgentAssigner Specific(AgentId agent, bool onlyOnlineAgents = true)
    {
        Identifier.Require(agent.IsEmpty, nameof(AgentId));
        return new SelectionAssigner($"specific:{agent}", AgentSelection.Specific(agent) with { RequireOnline = onlyOnlineAgents });
    }

    /// <summary>
    /// Picks the agent who handled the contact's previous conversation if they are available in the routed team;
    /// otherwise asks <paramref name="fallback"/>.
    /// </summary>
    /// <param name="fallback">The strategy when the previous agent is unknown or unavailable.</param>
    /// <param name="onlyOnlineAgents">False to let an away previous agent qualify.</param>
    /// <returns>The assigner.</returns>
    public static IAgentAssigner Sticky(IAgentAssigner fallback, bool onlyOnlineAgents = true)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new StickyAssigner(fallback, onlyOnlineAgents);
    }

    /// <summary>Assigns nobody: the conversation is left Unassigned for manual pick-up, and the workflow ends.</summary>
    public static IAgentAssigner None { get; } = new NoneAssigner();

    private sealed class SelectionAssigner(string name, AgentSelection selection) : IAgentAssigner
    {
        public string Name => name;

        public async ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken) =>
            AssignmentDecision.From(await context.ReserveAsync(selection, cancellationToken).ConfigureAwait(false));
    }

    private sealed class StickyAssigner(IAgentAssigner fallback, bool onlyOnlineAgents) : IAgentAssigner
    {
        public string Name => $"sticky, else {fallback.Name}";

        public async ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken)
        {
            if (await context.FindPreviousAgentAsync(cancellationToken).ConfigureAwait(false) is { } previous)
            {
                var selection = AgentSelection.Specific(previous) with { RequireOnline = onlyOnlineAgents };
                if (await context.ReserveAsync(selection, cancellationToken).ConfigureAwait(false) is { } agent)
                {
                    return AssignmentDecision.AssignedTo(agent);
                }
            }

            return await fallback.AssignAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class NoneAssigner : IAgentAssigner
    {
        public string Name => "none";

        public ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AssignmentDecision.LeaveUnassigned);
    }
}
