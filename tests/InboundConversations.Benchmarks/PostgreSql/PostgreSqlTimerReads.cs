using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using InboundConversations.Benchmarks.Setup;
using InboundConversations.PostgreSql.Throwaway;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InboundConversations.Benchmarks.PostgreSql;

/// <summary>
/// What a pass over 100 due snoozes reads on PostgreSQL, with only those 100 armed and with 9,900 more armed (their
/// auto-close due in 14 days): the SQL commands the pass sends (counted with an <see cref="ActivityListener"/> on
/// Npgsql's activities), and the plan of its claim statement, the one that could read the others, run under
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c> in a transaction rolled back. Deterministic where the timings of
/// <see cref="PostgreSqlTimerBenchmarks"/> are noisy: `-- --timer-reads`.
/// </summary>
public static class PostgreSqlTimerReads
{
    private const int Due = 100;

    /// <param name="output">Where the counts and plans go.</param>
    /// <param name="armedCounts">How many timers to arm in each measurement, the 100 due included; 100 and 10,000 unless given.</param>
    public static async Task RunAsync(TextWriter output, IReadOnlyList<int> armedCounts)
    {
        await using var cluster = await ThrowawayCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync("reads", maxPoolSize: 16);
        foreach (var armed in armedCounts.Count == 0 ? [Due, 10_000] : armedCounts)
        {
            await MeasureAsync(output, connectionString, armed);
        }
    }

    private static async Task MeasureAsync(TextWriter output, string connectionString, int armed)
    {
        var schema = $"reads_{armed}";
        await using var inbox = await TimerInbox.CreateAsync(TimeSpan.FromDays(14), builder => builder.UsePostgreSql(connectionString, options => options.Schema = schema));
        var share = (armed - Due) / 8;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(caller => Task.Run(() => inbox.OpenAnsweredAsync($"waiting-{caller}", share))));
        var due = await inbox.OpenAsync("snoozer", Due);

        // A first pass warms the pool's statements; the second is the one counted.
        await inbox.SnoozeAsync(due);
        inbox.Clock.Advance(TimerInbox.SnoozeFor);
        await inbox.PassAsync(Due);
        await inbox.SnoozeAsync(due);
        inbox.Clock.Advance(TimerInbox.SnoozeFor);
        var commands = new ConcurrentQueue<string>();
        using (Listen(commands))
        {
            await inbox.PassAsync(Due);
        }

        output.WriteLine($"## {armed:N0} armed, {Due} due: {commands.Count} commands in the pass");
        foreach (var group in commands.GroupBy(Summary).OrderByDescending(static g => g.Count()))
        {
            output.WriteLine($"  {group.Count(),5} × {group.Key}");
        }

        var claim = commands.FirstOrDefault(static c => c.Contains("skip locked", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the pass sent no claim statement");
        await inbox.SnoozeAsync(due);
        inbox.Clock.Advance(TimerInbox.SnoozeFor);
        var now = inbox.Clock.GetUtcNow();
        await WritePlanAsync(output, "as the benchmark finds the table", await ExplainAsync(connectionString, claim, now, generic: false));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand($"analyze \"{schema}\".conversations", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        await WritePlanAsync(output, "after ANALYZE (what autovacuum keeps up to date)", await ExplainAsync(connectionString, claim, now, generic: false));
        await WritePlanAsync(output, "after ANALYZE, the generic plan of the prepared statement", await ExplainAsync(connectionString, claim, now, generic: true));
        output.WriteLine();
    }

    /// <summary>The plan's nodes that read rows (scans, joins), with the rows each returned.</summary>
    private static Task WritePlanAsync(TextWriter output, string when, List<string> plan)
    {
        output.WriteLine($"  the claim's plan, {when} ({plan.FirstOrDefault(static l => l.Contains("Buffers", StringComparison.Ordinal))?.Trim()}):");
        foreach (var line in plan.Where(static l => l.Contains("Scan", StringComparison.Ordinal) || l.Contains("Join", StringComparison.Ordinal) || l.Contains("Loop", StringComparison.Ordinal)))
        {
            output.WriteLine($"    {line.Trim()}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Records the text of every command Npgsql runs until disposed.</summary>
    private static ActivityListener Listen(ConcurrentQueue<string> commands)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
                commands.Enqueue(text as string ?? activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>A command's first words and the table it names: enough to tell the pass's statements apart.</summary>
    private static string Summary(string command)
    {
        var words = command.Split((char[])[' ', '\n', '\r', '\t', '(', ','], StringSplitOptions.RemoveEmptyEntries);
        var table = words.FirstOrDefault(static w => w.Contains('.', StringComparison.Ordinal) && !w.Contains('$', StringComparison.Ordinal)) ?? "";
        return $"{string.Join(' ', words.Take(3))} … {table}".Trim();
    }

    /// <summary>
    /// The claim's plan when run at <paramref name="now"/>, in a transaction rolled back (EXPLAIN ANALYZE runs the
    /// update). <paramref name="generic"/>: the plan PostgreSQL may switch a prepared statement to after five runs,
    /// made for any parameters (its row estimates cannot see the due time nor the limit).
    /// </summary>
    private static async Task<List<string>> ExplainAsync(string connectionString, string claim, DateTimeOffset now, bool generic)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var explain = "explain (analyze, buffers, costs off, timing off, summary off)";
        if (generic)
        {
            await using var prepare = new NpgsqlCommand(
                $"set local plan_cache_mode = force_generic_plan; prepare timer_claim (timestamptz, timestamptz, integer) as {claim}", connection, transaction);
            await prepare.ExecuteNonQueryAsync();
        }

        // EXPLAIN EXECUTE takes no bind parameters: the generic plan's arguments are literals.
        var until = now + TimeSpan.FromMinutes(1);
        await using var command = new NpgsqlCommand(
            generic ? string.Create(CultureInfo.InvariantCulture, $"{explain} execute timer_claim('{now:O}', '{until:O}', 256)") : $"{explain} {claim}", connection, transaction);
        if (!generic)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = until });
            command.Parameters.Add(new NpgsqlParameter { Value = 256 });
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        return plan;
    }
}
