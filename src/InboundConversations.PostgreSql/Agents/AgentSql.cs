namespace InboundConversations.Storage.PostgreSql;

/// <summary>
/// The agent directory's SQL text, built once per directory (the quoted schema is the only part spliced in).
/// Every statement that returns agents returns the columns <see cref="AgentRow"/> reads, in its order.
/// </summary>
internal sealed class AgentSql
{
    public AgentSql(string schema)
    {
        var s = schema;
        string Columns(string agent) =>
            $"{agent}.id, {agent}.capacity, {agent}.presence, {agent}.open_conversations, {agent}.last_assigned_at, " +
            $"array(select t.team from {s}.agent_teams t where t.workspace = {agent}.workspace and t.agent = {agent}.id order by t.position)";

        // $1 workspace, $2 agent, $3 capacity, $4 initial presence: presence and load of a known agent are kept.
        // The upsert locks the agent's row first, so two registrations of one agent replace the teams one after the other.
        RegisterAgent =
            $"insert into {s}.agents as a (workspace, id, capacity, presence, open_conversations) values ($1, $2, $3, $4, 0) " +
            "on conflict (workspace, id) do update set capacity = excluded.capacity " +
            "returning a.presence, a.open_conversations, a.last_assigned_at";

        // $1 workspace, $2 agent, $3 teams (distinct, in registration order).
        DropOtherTeams = $"delete from {s}.agent_teams where workspace = $1 and agent = $2 and team <> all($3)";
        AddTeams =
            $"insert into {s}.agent_teams as t (workspace, team, agent, position) " +
            "select $1, m.team, $2, m.position::integer from unnest($3::text[]) with ordinality as m(team, position) " +
            "on conflict (workspace, team, agent) do update set position = excluded.position where t.position <> excluded.position";

        Find = $"select {Columns("a")} from {s}.agents a where a.workspace = $1 and a.id = $2";
        ListTeam =
            $"select {Columns("a")} from {s}.agent_teams m join {s}.agents a on a.workspace = m.workspace and a.id = m.agent " +
            "where m.workspace = $1 and m.team = $2 order by a.id";

        // $1 workspace, $2 agent, $3 the new value.
        SetPresence = $"update {s}.agents a set presence = $3 where a.workspace = $1 and a.id = $2 returning {Columns("a")}";
        SetCapacity = $"update {s}.agents a set capacity = $3 where a.workspace = $1 and a.id = $2 returning {Columns("a")}";
        Release =
            $"update {s}.agents a set open_conversations = greatest(a.open_conversations - 1, 0) " +
            $"where a.workspace = $1 and a.id = $2 returning {Columns("a")}";

        // A reservation is two statements in one batch (one round trip, one implicit transaction). The first takes the
        // workspace's advisory lock ($1, see WorkspaceLock): a workspace's reservations take turns, so each picks from
        // what the previous one committed (a statement's snapshot is taken when it starts, after the lock was granted)
        // and round robin's cursor moves one pick at a time. The second picks, reserves and moves the cursor. Every other
        // change locks one agent's row (a registration also that agent's team rows, which reservations only read), so no
        // two transactions can wait for each other: reservations cannot deadlock.
        LockWorkspace = "select pg_advisory_xact_lock($1)";

        var cursor = $"coalesce((select c.last_agent from {s}.teams c where c.workspace = $1 and c.team = $2), '')";
        ReserveRoundRobin = Reserve(s, Columns, string.Empty, $"a.id <= {cursor}, a.id");
        ReserveLeastOpen = Reserve(s, Columns, string.Empty, "a.open_conversations, a.last_assigned_at nulls first, a.id");
        ReserveLongestIdle = Reserve(s, Columns, string.Empty, "a.last_assigned_at nulls first, a.id");
        ReserveSpecific = Reserve(s, Columns, " and a.id = $5", "a.id");
    }

    public string RegisterAgent { get; }

    public string DropOtherTeams { get; }

    public string AddTeams { get; }

    public string Find { get; }

    public string ListTeam { get; }

    public string SetPresence { get; }

    public string SetCapacity { get; }

    public string Release { get; }

    public string LockWorkspace { get; }

    /// <summary>$1 workspace, $2 team, $3 whether only online agents qualify, $4 the time.</summary>
    public string ReserveRoundRobin { get; }

    /// <inheritdoc cref="ReserveRoundRobin" />
    public string ReserveLeastOpen { get; }

    /// <inheritdoc cref="ReserveRoundRobin" />
    public string ReserveLongestIdle { get; }

    /// <summary>As <see cref="ReserveRoundRobin"/>, and $5 the agent.</summary>
    public string ReserveSpecific { get; }

    /// <summary>
    /// Picks the first available member in <paramref name="order"/> and locks their row, then records the pick as the
    /// team's round robin cursor. PostgreSQL re-checks the conditions on the row's latest version once the lock is
    /// granted (a release, a presence or capacity change may have committed meanwhile) and skips a row that no longer
    /// qualifies, so the increment never takes an agent beyond capacity, offline, or out of the team's members.
    /// </summary>
    private static string Reserve(string s, Func<string, string> columns, string filter, string order) =>
        "with picked as (" +
        $"select a.id from {s}.agent_teams m join {s}.agents a on a.workspace = m.workspace and a.id = m.agent " +
        "where m.workspace = $1 and m.team = $2 and a.open_conversations < a.capacity " +
        $"and (a.presence = {(int)AgentPresence.Online} or (a.presence = {(int)AgentPresence.Away} and not $3)){filter} " +
        $"order by {order} limit 1 for update of a), " +
        $"reserved as (update {s}.agents a set open_conversations = a.open_conversations + 1, last_assigned_at = $4 " +
        $"from picked where a.workspace = $1 and a.id = picked.id returning {columns("a")}), " +
        $"moved as (insert into {s}.teams as c (workspace, team, last_agent) select $1, $2, r.id from reserved r " +
        "on conflict (workspace, team) do update set last_agent = excluded.last_agent) " +
        "select * from reserved";
}
