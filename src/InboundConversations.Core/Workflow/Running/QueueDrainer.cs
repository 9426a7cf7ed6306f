using System.Collections.Concurrent;
using InboundConversations.Workflow.Assignment;

namespace InboundConversations.Workflow.Running;

/// <summary>
/// Drains a team's queue in arrival order while its agents have room: called when a conversation is queued, an
/// agent comes online or gains capacity, and an agent's conversation closes, is unassigned or transferred.
/// Drains of one team are serialized in this process; versioned updates keep processes that share a store apart.
/// </summary>
/// <remarks>
/// A drain asked for while the team is already draining is recorded and done by the caller that is draining, before
/// it stops: so an event handler that closes a conversation during a drain (re-entering it) cannot deadlock, and no
/// request is lost. The caller that asked may therefore return before its part of the drain is done.
/// </remarks>
internal sealed class QueueDrainer(AssignmentService assignments, IAgentAssigner assigner)
{
    private readonly ConcurrentDictionary<(WorkspaceId, TeamId), TeamDrain> _teams = new();

    public IAgentAssigner Assigner => assigner;

    public async ValueTask DrainAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
    {
        var drain = _teams.GetOrAdd((workspace, team), static _ => new TeamDrain());
        drain.Request();
        while (drain.IsRequested && drain.TryBegin())
        {
            try
            {
                while (drain.TakeRequest())
                {
                    await DrainLockedAsync(workspace, team, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                drain.End();
            }

            // A request made after the last TakeRequest but before End is picked up by the loop condition.
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

            var assigned = await assignments.ApplyAsync(conversation, team, decision, ConversationState.Queued, Actor.Workflow(), cancellationToken).ConfigureAwait(false);
            if (assigned is not null)
            {
                await assignments.CompleteQueuedRunAsync(assigned, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One team's drain state: whether a drain runs, and whether one was asked for since it last looked.</summary>
    private sealed class TeamDrain
    {
        private int _running;
        private int _requested;

        public bool IsRequested => Volatile.Read(ref _requested) == 1;

        public void Request() => Volatile.Write(ref _requested, 1);

        public bool TakeRequest() => Interlocked.Exchange(ref _requested, 0) == 1;

        public bool TryBegin() => Interlocked.CompareExchange(ref _running, 1, 0) == 0;

        public void End() => Volatile.Write(ref _running, 0);
    }
}
