using static InboundConversations.PostgreSql.Internal.ConversationRows;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The SQL of the conversations' timers (<see cref="TimerJson"/> is their jsonb): the earliest due time a statement
/// writes beside the timers it changes, and the claim of the due ones. States: 5 is Closed.
/// </summary>
internal static class TimerSql
{
    /// <summary>The earliest <c>dueAt</c> among the timers of the jsonb <paramref name="timers"/>; null when it holds none.</summary>
    public static string NextDueAt(string timers) => $"(select min((t.value ->> 'dueAt')::timestamptz) from jsonb_each({timers}) t)";

    /// <summary>
    /// $1 now, $2 the claim's end (now + lease), $3 the most to claim. One statement: it reads the open conversations due
    /// at $1 whose claim is none or lapsed, earliest due first, from the conversations_due index (so none of the
    /// conversations not due), locks them skipping those a concurrent claim holds locked, and marks each claimed until
    /// $2. Two claims can never take one conversation: a row locked by the other is skipped, and one it claimed and
    /// committed fails the claim condition when this statement re-checks the row it locks. Returns the claimed
    /// conversations, earliest due first.
    /// </summary>
    public static string ClaimDue(string schema) => $"""
        with due as (
            select workspace, id from {schema}.conversations
            where state <> 5 and next_due_at is not null and next_due_at <= $1
              and (timer_claimed_until is null or timer_claimed_until <= $1)
            order by next_due_at
            limit $3
            for update skip locked
        ),
        claimed as (
            update {schema}.conversations c set timer_claimed_until = $2
            from due where c.workspace = due.workspace and c.id = due.id
            returning {Qualified(ConversationColumns, "c")}, c.next_due_at
        )
        select {ConversationColumns} from claimed order by next_due_at, workspace, id
        """;
}
