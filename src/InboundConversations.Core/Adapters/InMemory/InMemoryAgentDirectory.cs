using System.Collections.Concurrent;

namespace InboundConversations.Storage.InMemory;

/// <summary>
/// The shipped, thread-safe, in-process <see cref="IAgentDirectory"/>. Each workspace has one lock; each team
/// keeps its available agents (not offline, below capacity) in two sorted indexes, so picking the least loaded or
/// the longest idle agent costs O(log n) for a team of n agents, plus the away agents it skips when only online
/// agents qualify. Round robin walks the team from the last pick: O(n) at worst.
/// </summary>
public sealed class InMemoryAgentDirectory : IAgentDirectory
{
    private readonly ConcurrentDictionary<WorkspaceId, WorkspaceAgents> _workspaces = new();

    /// <inheritdoc />
    public ValueTask<Agent> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Identifier.Require(registration.Agent.IsEmpty, nameof(AgentId));
        if (registration.Teams is null || registration.Teams.Count == 0 || registration.Teams.Any(t => t.IsEmpty))
        {
            throw new InvalidRequestException(nameof(AgentRegistration.Teams), "an agent belongs to at least one team, and every team id is required");
        }

        RequireCapacity(registration.Capacity);
        cancellationToken.ThrowIfCancellationRequested();
        var workspace = WorkspaceOf(registration.Workspace);
        lock (workspace)
        {
            return ValueTask.FromResult(workspace.Register(registration));
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent?> FindAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var agents = WorkspaceOf(workspace);
        lock (agents)
        {
            return ValueTask.FromResult(agents.Find(agent)?.Snapshot(workspace));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListTeamAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var agents = WorkspaceOf(workspace);
        lock (agents)
        {
            return ValueTask.FromResult<IReadOnlyList<Agent>>(agents.Members(team).Select(a => a.Snapshot(workspace)).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent> SetPresenceAsync(WorkspaceId workspace, AgentId agent, AgentPresence presence, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(presence))
        {
            throw new InvalidRequestException(nameof(presence), $"{(int)presence} is not an AgentPresence");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Change(workspace, agent, state => state.Presence = presence);
    }

    /// <inheritdoc />
    public ValueTask<Agent> SetCapacityAsync(WorkspaceId workspace, AgentId agent, int capacity, CancellationToken cancellationToken)
    {
        RequireCapacity(capacity);
        cancellationToken.ThrowIfCancellationRequested();
        return Change(workspace, agent, state => state.Capacity = capacity);
    }

    /// <inheritdoc />
    public ValueTask<Agent?> ReserveAsync(WorkspaceId workspace, TeamId team, AgentSelection selection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var agents = WorkspaceOf(workspace);
        lock (agents)
        {
            var picked = agents.Pick(team, selection);
            if (picked is null)
            {
                return ValueTask.FromResult<Agent?>(null);
            }

            agents.Reindex(picked, state =>
            {
                state.OpenConversations++;
                state.LastAssignedAt = now;
            });
            agents.Team(team).Cursor = picked.Id;
            return ValueTask.FromResult<Agent?>(picked.Snapshot(workspace));
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Change(workspace, agent, state => state.OpenConversations = Math.Max(0, state.OpenConversations - 1));
    }

    private static void RequireCapacity(int capacity)
    {
        if (capacity < 1)
        {
            throw new InvalidRequestException("Capacity", $"it is {capacity}; an agent's capacity is at least 1");
        }
    }

    private ValueTask<Agent> Change(WorkspaceId workspace, AgentId agent, Action<AgentState> change)
    {
        Identifier.Require(agent.IsEmpty, nameof(AgentId));
        var agents = WorkspaceOf(workspace);
        lock (agents)
        {
            var state = agents.Find(agent) ?? throw new AgentNotFoundException(workspace, agent);
            agents.Reindex(state, change);
            return ValueTask.FromResult(state.Snapshot(workspace));
        }
    }

    private WorkspaceAgents WorkspaceOf(WorkspaceId workspace) => _workspaces.GetOrAdd(workspace, static _ => new WorkspaceAgents());

    /// <summary>One workspace's agents and team indexes; the instance is also the workspace's lock.</summary>
    private sealed class WorkspaceAgents
    {
        private readonly Dictionary<AgentId, AgentState> _agents = [];
        private readonly Dictionary<TeamId, TeamIndex> _teams = [];

        public AgentState? Find(AgentId agent) => _agents.GetValueOrDefault(agent);

        public TeamIndex Team(TeamId team)
        {
            if (!_teams.TryGetValue(team, out var index))
            {
                _teams[team] = index = new TeamIndex();
            }

            return index;
        }

        public IEnumerable<AgentState> Members(TeamId team) =>
            _teams.TryGetValue(team, out var index) ? index.Members.Values : [];

        public Agent Register(AgentRegistration registration)
        {
            if (!_agents.TryGetValue(registration.Agent, out var state))
            {
                _agents[registration.Agent] = state = new AgentState(registration.Agent) { Presence = registration.InitialPresence };
            }

            Unindex(state);
            foreach (var team in state.Teams)
            {
                Team(team).Members.Remove(state.Id);
            }

            state.Teams = registration.Teams.Distinct().ToArray();
            state.Capacity = registration.Capacity;
            foreach (var team in state.Teams)
            {
                Team(team).Members[state.Id] = state;
            }

            Index(state);
            return state.Snapshot(registration.Workspace);
        }

        /// <summary>Changes an agent's sort keys without breaking the indexes: out, change, back in.</summary>
        public void Reindex(AgentState state, Action<AgentState> change)
        {
            Unindex(state);
            change(state);
            Index(state);
        }

        public AgentState? Pick(TeamId team, AgentSelection selection)
        {
            if (!_teams.TryGetValue(team, out var index))
            {
                return null;
            }

            bool Qualifies(AgentState a) => a.Presence == AgentPresence.Online || (!selection.RequireOnline && a.Presence == AgentPresence.Away);

            return selection.Order switch
            {
                AgentOrder.LeastOpen => index.ByLoad.FirstOrDefault(Qualifies),
                AgentOrder.LongestIdle => index.ByIdle.FirstOrDefault(Qualifies),
                AgentOrder.Specific => index.Members.GetValueOrDefault(selection.Agent) is { } chosen && chosen.HasRoom && Qualifies(chosen) ? chosen : null,
                _ => index.NextAfterCursor(a => a.HasRoom && Qualifies(a)),
            };
        }

        private void Index(AgentState state)
        {
            if (state.Presence == AgentPresence.Offline || !state.HasRoom)
            {
                return;
            }

            foreach (var team in state.Teams)
            {
                var index = Team(team);
                index.ByLoad.Add(state);
                index.ByIdle.Add(state);
            }
        }

        private void Unindex(AgentState state)
        {
            foreach (var team in state.Teams)
            {
                var index = Team(team);
                index.ByLoad.Remove(state);
                index.ByIdle.Remove(state);
            }
        }
    }

    private sealed class TeamIndex
    {
        public SortedList<AgentId, AgentState> Members { get; } = new(Comparer<AgentId>.Create(static (a, b) => string.CompareOrdinal(a.Value, b.Value)));

        /// <summary>Available agents by open conversations, then longest idle, then id.</summary>
        public SortedSet<AgentState> ByLoad { get; } = new(Comparer<AgentState>.Create(static (a, b) =>
        {
            var byLoad = a.OpenConversations.CompareTo(b.OpenConversations);
            return byLoad != 0 ? byLoad : AgentState.CompareIdle(a, b);
        }));

        /// <summary>Available agents by last assignment (never first), then id.</summary>
        public SortedSet<AgentState> ByIdle { get; } = new(Comparer<AgentState>.Create(AgentState.CompareIdle));

        public AgentId Cursor { get; set; }

        public AgentState? NextAfterCursor(Func<AgentState, bool> qualifies)
        {
            var count = Members.Count;
            if (count == 0)
            {
                return null;
            }

            var start = Cursor.IsEmpty ? 0 : FirstIndexAfter(Cursor);
            for (var step = 0; step < count; step++)
            {
                var candidate = Members.GetValueAtIndex((start + step) % count);
                if (qualifies(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private int FirstIndexAfter(AgentId cursor)
        {
            var keys = Members.Keys;
            var low = 0;
            var high = keys.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (string.CompareOrdinal(keys[middle].Value, cursor.Value) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low % keys.Count;
        }
    }

    private sealed class AgentState(AgentId id)
    {
        public AgentId Id { get; } = id;

        public IReadOnlyList<TeamId> Teams { get; set; } = [];

        public AgentPresence Presence { get; set; }

        public int Capacity { get; set; } = 1;

        public int OpenConversations { get; set; }

        public DateTimeOffset? LastAssignedAt { get; set; }

        public bool HasRoom => OpenConversations < Capacity;

        public static int CompareIdle(AgentState a, AgentState b)
        {
            var byIdle = Nullable.Compare(a.LastAssignedAt, b.LastAssignedAt);
            return byIdle != 0 ? byIdle : string.CompareOrdinal(a.Id.Value, b.Id.Value);
        }

        public Agent Snapshot(WorkspaceId workspace) => new()
        {
            Workspace = workspace,
            Id = Id,
            Teams = Teams,
            Presence = Presence,
            Capacity = Capacity,
            OpenConversations = OpenConversations,
            LastAssignedAt = LastAssignedAt,
        };
    }
}
