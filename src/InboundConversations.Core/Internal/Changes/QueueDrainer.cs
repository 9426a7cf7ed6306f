using System.Collections.Concurrent;
using InboundConversations.Workflow;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Drains team queues while their agents have room, oldest waiting conversation first across the teams drained
/// together: called when a conversation is queued (its team), when an agent's seat frees or grows (every team of that
/// agent: a close, an unassignment or transfer away, more capacity, a presence change, a registration), and by the
/// background pass (every team with a queue). Drains of one workspace are serialized in this process; versioned
/// updates keep processes that share a store apart.
/// </summary>
/// <remarks>
/// A drain asked for while the workspace is already draining is recorded (its teams added to the pending set) and done
/// by the caller that is draining, before it stops: so an event handler that closes a conversation during a drain
/// (re-entering it) cannot deadlock, and no request is lost. The caller that asked may therefore return before its
/// part of the drain is done.
/// </remarks>
internal sealed class QueueDrainer(AssignmentService assignments, IAgentAssigner assigner)
{
    private readonly ConcurrentDictionary<WorkspaceId, WorkspaceDrain> _workspaces = new();

    public IAgentAssigner Assigner => assigner;

    /// <summary>Offers an agent's room to every team they serve, unless they are offline or full (then nobody gains a seat).</summary>
    /// <returns>How many queued conversations this call assigned.</returns>
    public ValueTask<int> OfferSeatAsync(Agent agent) =>
        agent.Presence == AgentPresence.Offline || agent.OpenConversations >= agent.Capacity
            ? ValueTask.FromResult(0)
            : DrainAsync(agent.Workspace, agent.Teams, CancellationToken.None);

    /// <summary>Drains <paramref name="teams"/> together: the oldest conversation waiting in any of them first.</summary>
    /// <returns>How many queued conversations this call assigned (a drain done for it by another caller counts there).</returns>
    public async ValueTask<int> DrainAsync(WorkspaceId workspace, IReadOnlyCollection<TeamId> teams, CancellationToken cancellationToken)
    {
        var drain = _workspaces.GetOrAdd(workspace, static _ => new WorkspaceDrain());
        drain.Request(teams);
        var assigned = 0;
        while (drain.IsRequested && drain.TryBegin())
        {
            try
            {
                while (drain.TakeRequested() is { Count: > 0 } requested)
                {
                    assigned += await DrainLockedAsync(workspace, requested, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                drain.End();
            }

            // A request made after the last TakeRequested but before End is picked up by the loop condition.
        }

        return assigned;
    }

    private async ValueTask<int> DrainLockedAsync(WorkspaceId workspace, HashSet<TeamId> teams, CancellationToken cancellationToken)
    {
        var heads = new List<(TeamId Team, Conversation Head)>(teams.Count);
        foreach (var team in teams)
        {
            if (await HeadAsync(workspace, team, cancellationToken).ConfigureAwait(false) is { } head)
            {
                heads.Add((team, head));
            }
        }

        var assigned = 0;
        while (heads.Count > 0)
        {
            var oldest = Oldest(heads);
            var (team, conversation) = heads[oldest];
            var run = await assignments.Context.Store.FindWorkflowRunAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            var facts = run?.Facts ?? new Dictionary<string, string>(StringComparer.Ordinal);
            var (_, decision) = await assignments.DecideAsync(conversation, team, facts, assigner, cancellationToken).ConfigureAwait(false);
            if (decision.Outcome != AssignmentOutcome.Assigned)
            {
                // Nobody of this team can take its oldest conversation now: the others may still move.
                heads.RemoveAt(oldest);
                continue;
            }

            var applied = await assignments.ApplyAsync(conversation, team, decision, ConversationState.Queued, Actor.Workflow(), cancellationToken).ConfigureAwait(false);
            if (applied is not null)
            {
                assigned++;
                await assignments.CompleteQueuedRunAsync(applied.Stored, cancellationToken).ConfigureAwait(false);
            }

            // Assigned, or it left the queue meanwhile: the team's next conversation takes its place.
            if (await HeadAsync(workspace, team, cancellationToken).ConfigureAwait(false) is { } next)
            {
                heads[oldest] = (team, next);
            }
            else
            {
                heads.RemoveAt(oldest);
            }
        }

        return assigned;
    }

    private async ValueTask<Conversation?> HeadAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
    {
        var queued = await assignments.Context.Store.ListQueuedAsync(workspace, team, 1, cancellationToken).ConfigureAwait(false);
        return queued.Count > 0 ? queued[0] : null;
    }

    /// <summary>The index of the head that has waited longest (ties by id, which is time-ordered).</summary>
    private static int Oldest(List<(TeamId Team, Conversation Head)> heads)
    {
        var oldest = 0;
        for (var i = 1; i < heads.Count; i++)
        {
            var (candidate, best) = (heads[i].Head, heads[oldest].Head);
            var byTime = Nullable.Compare(candidate.QueuedAt, best.QueuedAt);
            if (byTime < 0 || (byTime == 0 && candidate.Id.Value.CompareTo(best.Id.Value) < 0))
            {
                oldest = i;
            }
        }

        return oldest;
    }

    /// <summary>One workspace's drain state: whether a drain runs, and the teams asked for since it last looked.</summary>
    private sealed class WorkspaceDrain
    {
        private readonly Lock _gate = new();
        private HashSet<TeamId> _requested = [];
        private int _running;

        public bool IsRequested
        {
            get
            {
                lock (_gate)
                {
                    return _requested.Count > 0;
                }
            }
        }

        public void Request(IReadOnlyCollection<TeamId> teams)
        {
            lock (_gate)
            {
                _requested.UnionWith(teams);
            }
        }

        public HashSet<TeamId> TakeRequested()
        {
            lock (_gate)
            {
                var taken = _requested;
                _requested = [];
                return taken;
            }
        }

        public bool TryBegin() => Interlocked.CompareExchange(ref _running, 1, 0) == 0;

        public void End() => Volatile.Write(ref _running, 0);
    }
}
