using InboundConversations.Workflow.Assignment;

namespace InboundConversations.Workflow.Running;

/// <summary>
/// Drains a team's queue in arrival order while its agents have room: called when a conversation is queued, an
/// agent comes online or gains capacity, and an agent's conversation closes, is unassigned or transferred.
/// Drains of one team are serialized in this process; versioned updates keep processes that share a store apart.
/// </summary>
internal sealed class QueueDrainer(AssignmentService assignments, IAgentAssigner assigner)
{
    private const int StripeCount = 256;
    private readonly SemaphoreSlim[] _teamGates = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public IAgentAssigner Assigner => assigner;

    public async ValueTask DrainAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
    {
        var gate = _teamGates[HashCode.Combine(workspace, team) & (StripeCount - 1)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DrainLockedAsync(workspace, team, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask DrainLockedAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
    {
        var store = assignments.Context.Store;
        while (true)
        {
            var next = await store.ListQueuedAsync(workspace, team, 1, cancellationToken).ConfigureAwait(false);
            if (next.Count == 0)
            {
                return;
            }

            var conversation = next[0];
            var run = await store.FindWorkflowRunAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            var facts = run?.Facts ?? new Dictionary<string, string>(StringComparer.Ordinal);
            var (_, decision) = await assignments.DecideAsync(conversation, team, facts, assigner, cancellationToken).ConfigureAwait(false);
            if (decision.Outcome != AssignmentOutcome.Assigned)
            {
                return;
            }

            var assigned = await assignments.ApplyAsync(conversation, team, decision, Actor.Workflow(), cancellationToken).ConfigureAwait(false);
            if (assigned is not null)
            {
                await assignments.CompleteQueuedRunAsync(assigned, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
