using static InboundConversations.PostgreSql.Internal.ConversationRows;
using static InboundConversations.PostgreSql.Internal.TimerSql;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The conversation store's SQL, built once per store for its schema (the only spliced part; every value is a
/// positional parameter). Each operation is one statement, so it commits atomically without an explicit transaction
/// and costs one round trip. States: 2 is Queued, 5 is Closed (every other state is open, Snoozed (6) included); direction 1
/// is Inbound. Every statement that changes a conversation's timers writes its next_due_at with them and ends the
/// claim on them (timer_claimed_until).
/// </summary>
internal sealed class ConversationSql
{
    public ConversationSql(string schema)
    {
        var queueOrder = $"nextval('{schema}.queue_order')";

        // $1 workspace, $2 contact, $3 channel, $4 external id, $5 content, $6 sent at, $7 received at, $8 message id,
        // $9 new conversation id, $10 new state, $11 starts the workflow, $12 the timer kinds the message cancels (keys).
        // The seen key, the open conversation's row lock (its message count gives the sequence), the timers it cancels
        // (a new version only if one was armed) and the opening are one statement. An opening that loses to a concurrent one (on conflict: nothing) records nothing and returns
        // no row: the caller runs the statement again, and it then joins the winner. A concurrent redelivery committed
        // first makes the message insert fail on messages_seen, which undoes the whole statement.
        AppendInbound = $"""
            with seen as (
                select {MessageColumns} from {schema}.messages
                where workspace = $1 and channel = $3 and external_id = $4 and direction = 1
            ),
            joined as (
                update {schema}.conversations set
                    message_count = message_count + 1,
                    timers = timers - $12,
                    next_due_at = case when timers ?| $12 then {NextDueAt("timers - $12")} else next_due_at end,
                    version = case when timers ?| $12 then version + 1 else version end,
                    timer_claimed_until = case when timers ?| $12 then null else timer_claimed_until end
                where workspace = $1 and contact = $2 and state <> 5 and not exists (select from seen)
                returning id, message_count, state
            ),
            opened as (
                insert into {schema}.conversations
                    (workspace, id, contact, channel, source, opened_by_kind, opened_by_id, opened_at, state, version, queued_order, message_count)
                select $1, $9, $2, $3, 1, 1, $2, $7, $10, 1, case when $10 = 2 then {queueOrder} end, 1
                where not exists (select from seen) and not exists (select from joined)
                on conflict (workspace, contact) where state <> 5 do nothing
                returning id, message_count
            ),
            run as (
                insert into {schema}.workflow_runs (workspace, conversation_id, status, created_at, facts, steps, attempts, version)
                select $1, id, 1, $7, '[]'::jsonb, '[]'::jsonb, 0, 1 from opened where $11
            ),
            recorded as (
                insert into {schema}.messages ({MessageColumns})
                select $1, target.id, target.message_count, $8, $2, 1, $3, $4, 1, $2, $5, $6, $7
                from (select id, message_count from joined union all select id, message_count from opened) target
                returning {MessageColumns}
            )
            select 3::smallint, null::smallint, {MessageColumns} from seen
            union all
            select case when exists (select from opened) then 2::smallint else 1::smallint end,
                   coalesce((select max(state) from joined), $10), {MessageColumns}
            from recorded
            """;

        // $1..$19 the conversation's columns in ConversationColumns order (timers last), $20 its next due time; $21 stores
        // a run; $22..$31 the run's status, created at, facts, team, agent, steps, attempts, claim expiry, ended at, version.
        // Returns the opened row (true), or the contact's open ones (false); no row when a concurrent opening committed
        // after this statement's snapshot: the caller runs it again.
        Open = $"""
            with opened as (
                insert into {schema}.conversations ({ConversationColumns}, next_due_at, queued_order, message_count)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                        case when $9 = 2 and $10 is not null then {queueOrder} end, 0)
                on conflict (workspace, contact) where state <> 5 do nothing
                returning {ConversationColumns}
            ),
            run as (
                insert into {schema}.workflow_runs ({RunColumns})
                select $1, $2, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31 from opened where $21
            )
            select true, {ConversationColumns} from opened
            union all
            (select false, {ConversationColumns} from {schema}.conversations
             where workspace = $1 and contact = $3 and state <> 5 and not exists (select from opened) limit 2)
            """;

        // $1 workspace, $2 id, $3 version based on, $4..$17 channel, source, opened by (kind, id), opened at, state,
        // team, assignee, queued at, closed by (kind, id), closed at, category, notes; $18 timers, $19 next due time.
        // A conversation keeps its queue place while it stays queued on the same team, and takes a new one otherwise.
        // Returns one row: the stored row, or (when nothing was updated) the row as this statement's snapshot saw it.
        Update = $"""
            with updated as (
                update {schema}.conversations c set
                    channel = $4, source = $5, opened_by_kind = $6, opened_by_id = $7, opened_at = $8, state = $9,
                    team = $10, assignee = $11, queued_at = $12, closed_by_kind = $13, closed_by_id = $14, closed_at = $15,
                    close_category = $16, close_notes = $17, timers = $18, next_due_at = $19, timer_claimed_until = null,
                    queued_order = case
                        when $9 <> 2 or $10 is null then null
                        when c.state = 2 and c.team = $10 and c.queued_order is not null then c.queued_order
                        else {queueOrder} end,
                    version = c.version + 1
                where c.workspace = $1 and c.id = $2 and c.version = $3 and c.state <> 5
                returning {ConversationColumns}
            )
            select u.id is not null, {Qualified(ConversationColumns, "u")}, s.state, s.version
            from (select 1) one
            left join updated u on true
            left join {schema}.conversations s on u.id is null and s.workspace = $1 and s.id = $2
            """;

        // $1 workspace, $2 conversation, $3 message id, $4 direction, $5 channel, $6 external id, $7 author kind,
        // $8 author id, $9 content, $10 sent at, $11 recorded at, $12 the timer it arms (its entry) or null: armed in the
        // same statement, replacing its kind's, at the next version. Returns one row: whether the conversation exists
        // (as this statement's snapshot saw it), then the recorded message, or nulls when it was closed or missing.
        AppendOutbound = $"""
            with target as (
                update {schema}.conversations set
                    message_count = message_count + 1,
                    timers = case when $12 is null then timers else timers || $12 end,
                    next_due_at = case when $12 is null then next_due_at else {NextDueAt("timers || $12")} end,
                    version = case when $12 is null then version else version + 1 end,
                    timer_claimed_until = case when $12 is null then timer_claimed_until end
                where workspace = $1 and id = $2 and state <> 5
                returning id, contact, message_count
            ),
            recorded as (
                insert into {schema}.messages ({MessageColumns})
                select $1, id, message_count, $3, contact, $4, $5, $6, $7, $8, $9, $10, $11 from target
                returning {MessageColumns}
            )
            select exists (select from {schema}.conversations where workspace = $1 and id = $2), {Qualified(MessageColumns, "r")}
            from (select 1) one left join recorded r on true
            """;

        Find = $"select {ConversationColumns} from {schema}.conversations where workspace = $1 and id = $2";

        // Two rows are corruption: the caller reports it.
        FindOpen = $"select {ConversationColumns} from {schema}.conversations where workspace = $1 and contact = $2 and state <> 5 limit 2";

        ListByContact = $"""
            select {ConversationColumns} from {schema}.conversations
            where workspace = $1 and contact = $2 order by opened_at, opened_order
            """;

        // One row with a null message when the conversation exists without messages; none when it does not exist.
        ListMessages = $"""
            select {Qualified(MessageColumns, "m")}
            from {schema}.conversations c
            left join {schema}.messages m on m.workspace = c.workspace and m.conversation_id = c.id
            where c.workspace = $1 and c.id = $2
            order by m.sequence
            """;

        FindRun = $"select {RunColumns} from {schema}.workflow_runs where workspace = $1 and conversation_id = $2";

        // $1 workspace, $2 conversation, $3 version based on, $4..$12 status, created at, facts, team, agent, steps,
        // attempts, claim expiry, ended at. Returns one row: whether a run exists, then the stored run or nulls.
        UpdateRun = $"""
            with updated as (
                update {schema}.workflow_runs set
                    status = $4, created_at = $5, facts = $6, team = $7, agent = $8, steps = $9, attempts = $10,
                    claim_expires_at = $11, ended_at = $12, version = version + 1
                where workspace = $1 and conversation_id = $2 and version = $3
                returning {RunColumns}
            )
            select exists (select from {schema}.workflow_runs where workspace = $1 and conversation_id = $2), {Qualified(RunColumns, "u")}
            from (select 1) one left join updated u on true
            """;

        // Oldest first; ties by conversation id, as the in-memory store breaks them.
        ListUnfinishedRuns = $"""
            select {RunColumns} from {schema}.workflow_runs
            where status in (1, 2, 3) order by created_at, conversation_id limit $1
            """;

        ListQueued = $"""
            select {ConversationColumns} from {schema}.conversations
            where workspace = $1 and team = $2 and state = 2 order by queued_order limit $3
            """;

        // The teams with a queue, by (workspace, team): a skip scan of the conversations_queued index, one index probe
        // per team found (the next key above the last), however many conversations wait in each. $1 the most teams;
        // after the first page, $2 and $3 the last team returned.
        ListQueuedTeamsFirst = QueuedTeams(schema, "true");
        ClaimDue = TimerSql.ClaimDue(schema);
        ListQueuedTeamsAfter = QueuedTeams(schema, "(c.workspace, c.team) > ($2, $3)");
    }

    public string AppendInbound { get; }

    public string Open { get; }

    public string Update { get; }

    public string AppendOutbound { get; }

    public string Find { get; }

    public string FindOpen { get; }

    public string ListByContact { get; }

    public string ListMessages { get; }

    public string FindRun { get; }

    public string UpdateRun { get; }

    public string ListUnfinishedRuns { get; }

    public string ListQueued { get; }

    public string ListQueuedTeamsFirst { get; }

    public string ListQueuedTeamsAfter { get; }

    public string ClaimDue { get; }

    private static string QueuedTeams(string schema, string start) => $"""
        with recursive queued(workspace, team) as (
            (select c.workspace, c.team from {schema}.conversations c
             where c.state = 2 and c.team is not null and {start} order by c.workspace, c.team limit 1)
            union all
            select n.workspace, n.team from queued q cross join lateral (
                select c.workspace, c.team from {schema}.conversations c
                where c.state = 2 and c.team is not null and (c.workspace, c.team) > (q.workspace, q.team)
                order by c.workspace, c.team limit 1) n
        )
        select workspace, team from queued limit $1
        """;
}
