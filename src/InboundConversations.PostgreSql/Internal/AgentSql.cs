namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The agent directory's SQL text, built once per directory (the quoted schema is the only part spliced in).
/// Every statement that returns agents returns the columns <see cref="AgentRow"/> reads, in its order.
/// </summary>
/// <remarks>
/// <para>
/// An agent's load is <c>agents.open_conversations</c>, the count of their rows in <c>reservations</c> (one per
/// conversation they hold a unit for): every statement that inserts or deletes a reservation row changes the counter in
/// the same statement, after locking the agent's row, so the two never disagree, whatever runs concurrently.
/// </para>
/// <para>
/// Lock order, and why nothing here can deadlock. A workspace's reservations take turns under its advisory lock
/// (<see cref="WorkspaceLock"/>), taken first, so two reservations of one workspace never hold agent locks at once;
/// workspaces touch disjoint rows (two whose lock keys collide only take turns). A reservation then locks agent rows
/// (those the pick passes over and finds no longer qualify stay locked until it commits), then the picked agent's
/// membership row of the team (a key share lock), their reservation row and the team's cursor row. Every other
/// statement locks one agent's row before anything else: presence and capacity changes lock only that row; a
/// registration then that agent's team rows; a release or a stale release then that agent's reservation row. An
/// agent's reservation rows and team rows are written or locked only by statements that hold the agent's row lock,
/// which is exclusive and held until commit: so whoever holds an agent's lock never waits for one of that agent's
/// reservation or team rows (whoever last wrote or locked them has committed), and a statement other than a
/// reservation waits only for its one agent row, while holding nothing. No cycle of waits can form. A release that
/// deleted the reservation row first and then locked the agent would break this: it would hold the row a reservation
/// renewing it waits for, while waiting for the agent that reservation holds.
/// </para>
/// </remarks>
internal sealed class AgentSql
{
    private const string ReservationColumns = "r.workspace, r.agent, r.conversation_id, r.conversation_version, r.reserved_at";

    public AgentSql(string schema)
    {
        var s = schema;
        string Columns(string agent) =>
            $"{agent}.id, {agent}.capacity, {agent}.presence, {agent}.open_conversations, {agent}.last_assigned_at, " +
            $"array(select t.team from {s}.agent_teams t where t.workspace = {agent}.workspace and t.agent = {agent}.id order by t.position)";
        const string Stored = "a.workspace, a.id, a.capacity, a.presence, a.open_conversations, a.last_assigned_at";

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

        // $1 workspace, $2 agent, $3 conversation, $4 the version a reservation must have been taken below.
        // The agent's row is locked first (the lock order above): the delete joins the locked row, so it reaches the
        // reservation only once that lock is granted. Returns the agent as stored (the locked row is its latest
        // version), or no row for an unknown agent.
        Release = Releasing(
            s,
            Stored,
            "r.conversation_version < $4",
            $"select {Columns("u")} from updated u union all select {Columns("g")} from target g where not exists (select from released)");

        // $1 workspace, $2 agent, $3 conversation, $4 the time it was listed with. One row: whether a reservation was given back.
        ReleaseStale = Releasing(s, Stored, "r.reserved_at = $4", "select exists (select from released)");

        // $1 reserved before, $2 the most rows; and after the first page, $3..$5 the last key returned. By primary key.
        ListReservationsFirst =
            $"select {ReservationColumns} from {s}.reservations r where r.reserved_at < $1 " +
            "order by r.workspace, r.agent, r.conversation_id limit $2";
        ListReservationsAfter =
            $"select {ReservationColumns} from {s}.reservations r where r.reserved_at < $1 " +
            "and (r.workspace, r.agent, r.conversation_id) > ($3, $4, $5) order by r.workspace, r.agent, r.conversation_id limit $2";

        // A reservation is two statements in one batch (one round trip, one implicit transaction). The first takes the
        // workspace's advisory lock ($1, see WorkspaceLock): a workspace's reservations take turns, so each picks from
        // what the previous one committed (a statement's snapshot is taken when it starts, after the lock was granted)
        // and round robin's cursor moves one pick at a time. The second picks, reserves and moves the cursor.
        LockWorkspace = "select pg_advisory_xact_lock($1)";

        var cursor = $"coalesce((select c.last_agent from {s}.teams c where c.workspace = $1 and c.team = $2), '')";
        ReserveRoundRobin = Reserve(s, Columns, string.Empty, $"a.id <= {cursor}, a.id");
        ReserveLeastOpen = Reserve(s, Columns, string.Empty, "a.open_conversations, a.last_assigned_at nulls first, a.id");
        ReserveLongestIdle = Reserve(s, Columns, string.Empty, "a.last_assigned_at nulls first, a.id");
        ReserveSpecific = Reserve(s, Columns, " and a.id = $7", "a.id");
    }

    public string RegisterAgent { get; }

    public string DropOtherTeams { get; }

    public string AddTeams { get; }

    public string Find { get; }

    public string ListTeam { get; }

    public string SetPresence { get; }

    public string SetCapacity { get; }

    public string Release { get; }

    public string ReleaseStale { get; }

    public string ListReservationsFirst { get; }

    public string ListReservationsAfter { get; }

    public string LockWorkspace { get; }

    /// <summary>
    /// $1 workspace, $2 team, $3 whether only online agents qualify, $4 the time, $5 the conversation, $6 its version.
    /// Returns the agent's columns and whether the reservation was taken (see <see cref="Reserve"/>).
    /// </summary>
    public string ReserveRoundRobin { get; }

    /// <inheritdoc cref="ReserveRoundRobin" />
    public string ReserveLeastOpen { get; }

    /// <inheritdoc cref="ReserveRoundRobin" />
    public string ReserveLongestIdle { get; }

    /// <summary>As <see cref="ReserveRoundRobin"/>, and $7 the agent.</summary>
    public string ReserveSpecific { get; }

    /// <summary>
    /// Locks the agent ($1, $2), then deletes their reservation for conversation $3 if <paramref name="condition"/>
    /// holds, and takes one off their load if it did, in one statement. <c>target</c> is the locked agent (its latest
    /// version: a locking read returns the row it locked), <c>released</c> the deleted row, <c>updated</c> the agent
    /// after the decrement; <paramref name="result"/> reads them.
    /// </summary>
    private static string Releasing(string s, string stored, string condition, string result) =>
        $"with target as materialized (select {stored} from {s}.agents a where a.workspace = $1 and a.id = $2 for update), " +
        $"released as (delete from {s}.reservations r using target g " +
        $"where r.workspace = $1 and r.agent = g.id and r.conversation_id = $3 and {condition} returning r.agent), " +
        $"updated as (update {s}.agents a set open_conversations = a.open_conversations - 1 from released d " +
        $"where a.workspace = $1 and a.id = d.agent returning {stored}) " +
        result;

    /// <summary>
    /// Picks the first available member in <paramref name="order"/> and locks their row; takes their reservation for
    /// the conversation, or renews the one they hold; adds one to their load only for a new reservation; then records
    /// the pick as the team's round robin cursor. An agent who holds the conversation's reservation has room for it even
    /// at capacity. PostgreSQL re-checks the conditions on the row's latest version once the lock is granted (a release,
    /// a presence or capacity change may have committed meanwhile) and skips a row that no longer qualifies, so the
    /// increment never takes an agent beyond capacity or offline. Returns the agent's columns then true, for a
    /// reservation taken or renewed; a row of the picked id, nulls and false when the pick lost its room or its team
    /// (below); no row when nobody qualified.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Holding the agent's lock, this statement is the only writer of the agent's reservation rows (see the lock order
    /// above), and a row another reservation inserted committed before this statement's snapshot (they take turns), so
    /// the insert that does nothing on conflict and the renewal that runs only then tell a new reservation from a held
    /// one exactly: a row a release deleted while this statement waited for the agent is no conflict, and is inserted anew.
    /// </para>
    /// <para>
    /// The re-check reads the agent's row at its latest version, but their team rows and reservations as of the
    /// snapshot. So two things the pick saw may have gone while it waited for the agent: the team membership (a
    /// registration moved them to other teams) and the conversation's reservation that gave them room at capacity (a
    /// release, as their capacity went down, say). Once the agent is locked, the statement reads both afresh: it locks
    /// the membership row (a locking read skips a row deleted since the snapshot; a registration has finished with the
    /// agent's team rows, since it locks the agent first), inserts a new reservation only if the agent's latest row has
    /// room, and renews only a row still there. If either is gone, nothing is written and the caller runs the statement
    /// again, with a snapshot that sees the change.
    /// </para>
    /// </remarks>
    private static string Reserve(string s, Func<string, string> columns, string filter, string order) =>
        "with picked as materialized (" +
        $"select a.id, a.open_conversations < a.capacity as has_room from {s}.agent_teams m join {s}.agents a on a.workspace = m.workspace and a.id = m.agent " +
        "where m.workspace = $1 and m.team = $2 " +
        $"and (a.open_conversations < a.capacity or exists (select 1 from {s}.reservations h where h.workspace = $1 and h.agent = a.id and h.conversation_id = $5)) " +
        $"and (a.presence = {(int)AgentPresence.Online} or (a.presence = {(int)AgentPresence.Away} and not $3)){filter} " +
        $"order by {order} limit 1 for update of a), " +
        $"member as materialized (select p.id, p.has_room from picked p join {s}.agent_teams m on m.workspace = $1 and m.team = $2 and m.agent = p.id for key share of m), " +
        $"added as (insert into {s}.reservations (workspace, agent, conversation_id, conversation_version, reserved_at) " +
        "select $1, p.id, $5, $6, $4 from member p where p.has_room on conflict (workspace, agent, conversation_id) do nothing returning agent), " +
        $"renewed as (update {s}.reservations r set reserved_at = $4, conversation_version = greatest(r.conversation_version, $6) " +
        "from member p where r.workspace = $1 and r.agent = p.id and r.conversation_id = $5 and not exists (select from added) returning r.agent), " +
        $"reserved as (update {s}.agents a set open_conversations = a.open_conversations + (select count(*) from added)::integer, last_assigned_at = $4 " +
        $"from (select agent from added union all select agent from renewed) k where a.workspace = $1 and a.id = k.agent returning {columns("a")}), " +
        $"moved as (insert into {s}.teams as c (workspace, team, last_agent) select $1, $2, r.id from reserved r " +
        "on conflict (workspace, team) do update set last_agent = excluded.last_agent) " +
        "select r.*, true from reserved r union all " +
        "select p.id, null::integer, null::smallint, null::integer, null::timestamptz, null::text[], false from picked p where not exists (select from reserved)";
}
