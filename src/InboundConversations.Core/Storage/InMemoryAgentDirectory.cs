using System.Collections.Concurrent;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Storage;

/// <summary>
/// The shipped, thread-safe, in-process <see cref="IAgentDirectory"/>. Each workspace has one lock; each team
/// keeps its available agents (not offline, below capacity) in two sorted indexes, so picking the least loaded or
/// the longest idle agent costs O(log n) for a team of n agents, plus the away agents it skips when only online
/// agents qualify. Round robin walks the team from the last pick: O(n) at worst. Each agent keeps their reservations
/// by conversation; <see cref="ListReservationsAsync"/> sorts every reservation it finds, O(r log r) for r of them.
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
        RequirePresence(registration.InitialPresence, nameof(AgentRegistration.InitialPresence));
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
    public ValueTask<IReadOnlyList<Agent>> ListTeamMembersAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
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
        RequirePresence(presence, nameof(presence));
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
    public ValueTask<Agent?> ReserveAsync(
        WorkspaceId workspace, TeamId team, AgentSelection selection, ConversationVersion conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var agents = WorkspaceOf(workspace);
        lock (agents)
        {
            var picked = agents.Pick(team, selection, conversation.Conversation);
            if (picked is null)
            {
                return ValueTask.FromResult<Agent?>(null);
            }

            agents.Reserve(picked, conversation, now);
            agents.Team(team).Cursor = picked.Id;
            return ValueTask.FromResult<Agent?>(picked.Snapshot(workspace));
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, ConversationVersion conversation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Identifier.Require(agent.IsEmpty, nameof(AgentId));
        var agents = WorkspaceOf(workspace);
        lock (agents)
        {
            var state = agents.Find(agent) ?? throw new AgentNotFoundException(workspace, agent);
            if (state.Reservations.TryGetValue(conversation.Conversation, out var held) && held.Version < conversation.Version)
            {
                agents.Release(state, conversation.Conversation);
            }

            return ValueTask.FromResult(state.Snapshot(workspace));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AgentReservation>> ListReservationsAsync(
        DateTimeOffset reservedBefore, AgentReservation? after, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<AgentReservation>();
        foreach (var (workspace, agents) in _workspaces)
        {
            lock (agents)
            {
                agents.CollectReservations(workspace, reservedBefore, found);
            }
        }

        found.Sort(ReservationOrder.Instance);
        IReadOnlyList<AgentReservation> page = found
            .Where(r => after is null || ReservationOrder.Instance.Compare(r, after) > 0)
            .Take(maxCount)
            .ToArray();
        return ValueTask.FromResult(page);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseStaleAsync(AgentReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_workspaces.TryGetValue(reservation.Workspace, out var agents))
        {
            return ValueTask.FromResult(false);
        }

        lock (agents)
        {
            var state = agents.Find(reservation.Agent);
            if (state is null || !state.Reservations.TryGetValue(reservation.Conversation, out var held) || held.At != reservation.ReservedAt)
            {
                return ValueTask.FromResult(false);
            }

            agents.Release(state, reservation.Conversation);
            return ValueTask.FromResult(true);
        }
    }

    private static void RequirePresence(AgentPresence presence, string name)
    {
        if (!Enum.IsDefined(presence))
        {
            throw new InvalidRequestException(name, $"{(int)presence} is not an AgentPresence");
        }
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

        // Who holds a reservation for a conversation: almost always one agent (two only until a leftover is released).
        private readonly Dictionary<ConversationId, List<AgentState>> _holders = [];

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

        /// <summary>
        /// The agent <paramref name="selection"/> picks among the team's members who qualify: present as it requires,
        /// and with room, where holding <paramref name="conversation"/>'s reservation already counts as room.
        /// </summary>
        public AgentState? Pick(TeamId team, AgentSelection selection, ConversationId conversation)
        {
            if (!_teams.TryGetValue(team, out var index))
            {
                return null;
            }

            bool Qualifies(AgentState a) => a.Presence == AgentPresence.Online || (!selection.RequireOnline && a.Presence == AgentPresence.Away);
            bool HasRoomFor(AgentState a) => a.HasRoom || a.Reservations.ContainsKey(conversation);

            return selection.Order switch
            {
                AgentOrder.LeastOpen => Earliest(index.ByLoad, team, conversation, Qualifies),
                AgentOrder.LongestIdle => Earliest(index.ByIdle, team, conversation, Qualifies),
                AgentOrder.Specific => index.Members.GetValueOrDefault(selection.Agent) is { } chosen && HasRoomFor(chosen) && Qualifies(chosen) ? chosen : null,
                _ => index.NextAfterCursor(a => HasRoomFor(a) && Qualifies(a)),
            };
        }

        /// <summary>Takes (or renews) <paramref name="agent"/>'s reservation for the conversation.</summary>
        public void Reserve(AgentState agent, ConversationVersion conversation, DateTimeOffset now) => Reindex(agent, state =>
        {
            var renewed = state.Reservations.TryGetValue(conversation.Conversation, out var held);
            var version = renewed ? Math.Max(held.Version, conversation.Version) : conversation.Version;
            if (!renewed)
            {
                if (!_holders.TryGetValue(conversation.Conversation, out var holders))
                {
                    _holders[conversation.Conversation] = holders = new List<AgentState>(1);
                }

                holders.Add(state);
            }

            state.Reservations[conversation.Conversation] = (version, now);
            state.LastAssignedAt = now;
        });

        /// <summary>Gives back <paramref name="agent"/>'s reservation for <paramref name="conversation"/>, which they hold.</summary>
        public void Release(AgentState agent, ConversationId conversation) => Reindex(agent, state =>
        {
            state.Reservations.Remove(conversation);
            if (_holders.TryGetValue(conversation, out var holders))
            {
                holders.Remove(state);
                if (holders.Count == 0)
                {
                    _holders.Remove(conversation);
                }
            }
        });

        /// <summary>Adds this workspace's reservations taken before <paramref name="before"/> to <paramref name="found"/>.</summary>
        public void CollectReservations(WorkspaceId workspace, DateTimeOffset before, List<AgentReservation> found)
        {
            foreach (var agent in _agents.Values)
            {
                foreach (var (conversation, held) in agent.Reservations)
                {
                    if (held.At < before)
                    {
                        found.Add(new AgentReservation(workspace, agent.Id, conversation, held.Version, held.At));
                    }
                }
            }
        }

        /// <summary>
        /// The first qualifying agent of a sorted index (agents with room), or a qualifying member of the team who is at
        /// capacity but holds the conversation's reservation, whichever sorts first.
        /// </summary>
        private AgentState? Earliest(SortedSet<AgentState> sorted, TeamId team, ConversationId conversation, Func<AgentState, bool> qualifies)
        {
            var best = sorted.FirstOrDefault(qualifies);
            if (_holders.TryGetValue(conversation, out var holders))
            {
                foreach (var holder in holders)
                {
                    if (!holder.HasRoom && qualifies(holder) && holder.Teams.Contains(team)
                        && (best is null || sorted.Comparer.Compare(holder, best) < 0))
                    {
                        best = holder;
                    }
                }
            }

            return best;
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

            var start = FirstIndexAfter(Cursor); // the empty cursor (no pick yet) sorts before every id: 0
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

    /// <summary>Reservations by workspace, agent (ordinal), then conversation: the order of <see cref="ListReservationsAsync"/>.</summary>
    private sealed class ReservationOrder : IComparer<AgentReservation>
    {
        public static ReservationOrder Instance { get; } = new();

        public int Compare(AgentReservation? x, AgentReservation? y)
        {
            var byWorkspace = string.CompareOrdinal(x!.Workspace.Value, y!.Workspace.Value);
            if (byWorkspace != 0)
            {
                return byWorkspace;
            }

            var byAgent = string.CompareOrdinal(x.Agent.Value, y.Agent.Value);
            return byAgent != 0 ? byAgent : x.Conversation.Value.CompareTo(y.Conversation.Value);
        }
    }

    private sealed class AgentState(AgentId id)
    {
        public AgentId Id { get; } = id;

        public IReadOnlyList<TeamId> Teams { get; set; } = [];

        public AgentPresence Presence { get; set; }

        public int Capacity { get; set; } = 1;

        /// <summary>The conversations this agent holds a unit for: the version each was taken for, and when.</summary>
        public Dictionary<ConversationId, (long Version, DateTimeOffset At)> Reservations { get; } = [];

        public int OpenConversations => Reservations.Count;

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
