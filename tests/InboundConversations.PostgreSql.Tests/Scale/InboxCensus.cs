using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Scale;

/// <summary>Counts rows in the shared database, to prove the invariants from what is stored, not from what the engines said.</summary>
internal sealed class InboxCensus(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>Contacts with more than one conversation not closed (state 5 is Closed).</summary>
    public Task<long> ContactsWithTwoOpenAsync() => CountAsync(
        $"select count(*) from (select 1 from \"{schema}\".conversations where state <> 5 group by workspace, contact having count(*) > 1) twice");

    /// <summary>How many inbound messages are stored (direction 1).</summary>
    public Task<long> InboundMessagesAsync() => CountAsync($"select count(*) from \"{schema}\".messages where direction = 1");

    /// <summary>How many distinct (channel, external id) keys the inbound messages have.</summary>
    public Task<long> DistinctInboundKeysAsync() => CountAsync(
        $"select count(*) from (select distinct channel, external_id from \"{schema}\".messages where direction = 1) keys");

    /// <summary>Conversations whose messages' sequences are not exactly 1..n.</summary>
    public Task<long> ConversationsWithSequenceGapsAsync() => CountAsync(
        $"select count(*) from (select conversation_id from \"{schema}\".messages group by workspace, conversation_id having min(sequence) <> 1 or max(sequence) <> count(*)) gaps");

    /// <summary>Contact-opened conversations (source 1) without exactly one workflow run.</summary>
    public Task<long> ContactOpenedWithoutOneRunAsync() => CountAsync(
        $"select count(*) from \"{schema}\".conversations c where c.source = 1 and (select count(*) from \"{schema}\".workflow_runs r where r.workspace = c.workspace and r.conversation_id = c.id) <> 1");

    /// <summary>Workflow runs still pending or running (1, 2).</summary>
    public Task<long> RunsPendingOrRunningAsync() => CountAsync($"select count(*) from \"{schema}\".workflow_runs where status in (1, 2)");

    /// <summary>Open conversations neither assigned (3) nor queued (2): still triaging, or unassigned.</summary>
    public Task<long> OpenNeitherAssignedNorQueuedAsync() => CountAsync($"select count(*) from \"{schema}\".conversations where state not in (2, 3, 5)");

    /// <summary>Queued conversations (state 2).</summary>
    public Task<long> QueuedAsync() => CountAsync($"select count(*) from \"{schema}\".conversations where state = 2");

    /// <summary>
    /// Agents whose stored load differs from the number of conversations assigned to them, or from the number of
    /// reservation rows they hold, or exceeds their capacity.
    /// </summary>
    public Task<long> AgentsWithWrongLoadAsync() => CountAsync(
        $"select count(*) from \"{schema}\".agents a where a.open_conversations > a.capacity or a.open_conversations <> " +
        $"(select count(*) from \"{schema}\".conversations c where c.workspace = a.workspace and c.assignee = a.id and c.state = 3) " +
        $"or a.open_conversations <> (select count(*) from \"{schema}\".reservations r where r.workspace = a.workspace and r.agent = a.id)");

    /// <summary>Reservation rows whose conversation is not open and assigned to the reservation's agent: units left behind.</summary>
    public Task<long> ReservationsNotBackedByAnAssignmentAsync() => CountAsync(
        $"select count(*) from \"{schema}\".reservations r where not exists (select 1 from \"{schema}\".conversations c " +
        "where c.workspace = r.workspace and c.id = r.conversation_id and c.assignee = r.agent and c.state = 3)");

    /// <summary>Assigned conversations whose agent is not a member of the conversation's team.</summary>
    public Task<long> AssignedOutsideTheTeamAsync() => CountAsync(
        $"select count(*) from \"{schema}\".conversations c where c.state = 3 and not exists " +
        $"(select 1 from \"{schema}\".agent_teams t where t.workspace = c.workspace and t.team = c.team and t.agent = c.assignee)");

    /// <summary>Agents with room left (online, below capacity).</summary>
    public Task<long> OnlineAgentsWithRoomAsync() => CountAsync(
        $"select count(*) from \"{schema}\".agents where presence = 1 and open_conversations < capacity");

    /// <summary>Conversations in <paramref name="state"/> (its number).</summary>
    public Task<long> InStateAsync(ConversationState state) => CountAsync($"select count(*) from \"{schema}\".conversations where state = {(int)state}");

    /// <summary>Conversations closed by the system (actor kind 5) under <paramref name="rule"/>, with <paramref name="category"/>.</summary>
    public Task<long> ClosedBySystemAsync(string rule, string category) => CountAsync(
        $"select count(*) from \"{schema}\".conversations where state = 5 and closed_by_kind = 5 and closed_by_id = '{rule}' and close_category = '{category}'");

    /// <summary>Conversations with a timer armed, or an earliest due time written, or a claim on their timers held.</summary>
    public Task<long> ConversationsWithTimersAsync() => CountAsync(
        $"select count(*) from \"{schema}\".conversations where timers <> '{{}}'::jsonb or next_due_at is not null");

    /// <summary>Conversations whose timers a background pass holds claimed (the claim written, whether or not it lapsed).</summary>
    public Task<long> TimerClaimsAsync() => CountAsync($"select count(*) from \"{schema}\".conversations where timer_claimed_until is not null");

    /// <summary>Rows of a table.</summary>
    public Task<long> RowsAsync(string table) => CountAsync($"select count(*) from \"{schema}\".{table}");

    private async Task<long> CountAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
