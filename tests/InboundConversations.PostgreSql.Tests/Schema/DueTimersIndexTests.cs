using System.Text.Json;
using InboundConversations.PostgreSql.Internal;
using InboundConversations.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Schema;

/// <summary>
/// The claim of due timers reads only the due conversations: with 10,000 armed and 100 due, PostgreSQL's own plan of
/// the claim statement (EXPLAIN ANALYZE) reads 100 rows of the conversations_due index, then updates those 100 by
/// their row addresses, and reads no other row of the table.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class DueTimersIndexTests(PostgreSqlServer server)
{
    private const string Schema = "inbox";
    private const int Armed = 10_000;
    private const int Due = 100;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ClaimDue_With10000ArmedOf100Due_ReadsTheDueOnesThroughTheIndex_AndNoOtherRow()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("due_index"));
        await PostgreSqlMigrations.ApplyAsync(dataSource, Schema);
        await InsertArmedAsync(dataSource);

        var plan = await ExplainClaimAsync(dataSource, maxCount: 256);

        var reads = Nodes(plan)
            .Where(n => n.GetProperty("Node Type").GetString()!.EndsWith("Scan", StringComparison.Ordinal))
            .Where(n => n.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "conversations")
            .ToArray();
        reads.Should().NotBeEmpty();
        reads.Select(n => n.GetProperty("Node Type").GetString()).Should().NotContain("Seq Scan", "the claim must not read the conversations that are not due");
        var due = reads.Where(n => n.TryGetProperty("Index Name", out var index) && index.GetString() == "conversations_due").ToArray();
        due.Should().ContainSingle("the due ones are found through the index on the earliest due time");
        due[0].GetProperty("Actual Rows").GetDouble().Should().Be(Due, "the index scan stops at the first conversation not due");
        reads.Except(due).Should().OnlyContain(
            n => n.GetProperty("Node Type").GetString() == "Tid Scan" && n.GetProperty("Actual Rows").GetDouble() == Due,
            "the claimed conversations are then updated by their row addresses, and no other row is read");

        // And what the plan claimed was really claimed: the store finds nothing left due at that time.
        var store = new PostgreSqlConversationStore(dataSource, new PostgreSqlOptions { Schema = Schema });
        (await store.ClaimDueAsync(Now, TimeSpan.FromMinutes(1), 256, CancellationToken.None)).Should().BeEmpty();
        var later = await store.ClaimDueAsync(Now.AddMinutes(1), TimeSpan.FromMinutes(1), 256, CancellationToken.None);
        later.Should().HaveCount(Due + 1, "the claims lapsed, and one more conversation came due");
        later.Select(c => c.Timers.NextDueAt).Should().BeInAscendingOrder();
        later[^1].Timers.Should().Equal(new ConversationTimer(ConversationTimerKind.AutoClose, Now.AddMinutes(1), Now.AddHours(-2)));
    }

    /// <summary>Inserts <see cref="Armed"/> open conversations, each with an auto-close due a minute after the previous: the first <see cref="Due"/> due at <see cref="Now"/>.</summary>
    private static async Task InsertArmedAsync(NpgsqlDataSource dataSource)
    {
        await using (var insert = dataSource.CreateCommand(
            $"""
            insert into {Schema}.conversations (workspace, id, contact, channel, source, opened_by_kind, opened_by_id, opened_at, state, version, timers, next_due_at)
            select 'default', gen_random_uuid(), 'contact-' || n, 'sms', 1, 1, 'contact-' || n, $1, 3, 1,
                   jsonb_build_object('2', jsonb_build_object('dueAt', $1 + (n - $2) * interval '1 minute', 'armedAt', $1 - interval '2 hours')),
                   $1 + (n - $2) * interval '1 minute'
            from generate_series(1, $3) n
            """))
        {
            insert.Parameters.AddWithValue(Now);
            insert.Parameters.AddWithValue(Due);
            insert.Parameters.AddWithValue(Armed);
            (await insert.ExecuteNonQueryAsync()).Should().Be(Armed);
        }

        await using var analyze = dataSource.CreateCommand($"analyze {Schema}.conversations");
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The claim statement's plan as it ran (it claims), with the adapter's own SQL and parameters.</summary>
    private static async Task<JsonElement> ExplainClaimAsync(NpgsqlDataSource dataSource, int maxCount)
    {
        await using var explain = dataSource.CreateCommand("explain (analyze, format json) " + new ConversationSql(SchemaName.Quote(Schema)).ClaimDue);
        explain.Parameters.AddWithValue(Now);
        explain.Parameters.AddWithValue(Now.AddMinutes(1));
        explain.Parameters.AddWithValue(maxCount);
        var json = (string)(await explain.ExecuteScalarAsync())!;
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].GetProperty("Plan").Clone();
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement plan)
    {
        yield return plan;
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var node in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return node;
            }
        }
    }
}
