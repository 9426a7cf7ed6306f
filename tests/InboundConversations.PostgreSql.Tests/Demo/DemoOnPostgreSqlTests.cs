using System.Text.RegularExpressions;
using InboundConversations.Demo.App;
using InboundConversations.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Demo;

/// <summary>
/// The demo's <c>--postgres</c> run plays the same stretch as its in-memory run: the library behaves the same on
/// both stores, so every line prints the same but the header's name of the store and the final line naming the schema.
/// The timers included: the stretch's queue timeouts, auto-closes and snooze fire from the PostgreSQL store's due
/// index at the same background passes, in the same order.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed partial class DemoOnPostgreSqlTests(PostgreSqlServer server)
{
    private static readonly string[] Stretch = ["--seed", "7", "--contacts", "40"];

    [Fact]
    public async Task Demo_OnPostgreSql_PrintsTheInMemoryRunLineForLine_AndItsFreshSchemaHoldsEveryConversation()
    {
        var connectionString = await server.CreateDatabaseAsync("demo");

        var inMemory = await RunAsync(Stretch);
        var onPostgreSql = await RunAsync([.. Stretch, "--postgres", connectionString]);

        var schemaLine = SchemaLine().Match(onPostgreSql[^1]);
        schemaLine.Success.Should().BeTrue($"the last line names the schema and how to drop it, not '{onPostgreSql[^1]}'");
        onPostgreSql[1].Should().StartWith("Inbox: PostgreSQL. ");
        inMemory[1].Should().StartWith("Inbox: the in-memory default. ");
        var sameStore = onPostgreSql.SkipLast(1).Select(line => line.Replace("Inbox: PostgreSQL. ", "Inbox: the in-memory default. ", StringComparison.Ordinal));
        sameStore.Should().Equal(inMemory);
        inMemory.Should().Contain(static line => line.Contains("overflows to support", StringComparison.Ordinal), "the compared stretch fires queue timeouts")
            .And.Contain(static line => line.Contains("closed by System:auto-close", StringComparison.Ordinal), "and auto-closes")
            .And.Contain(static line => line.Contains("snoozed: wakes at", StringComparison.Ordinal), "and snoozes");

        var conversations = int.Parse(Conversations().Match(string.Join('\n', inMemory)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        conversations.Should().BeGreaterThan(40, "some of the 40 contacts come back after a close");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"select count(*) from \"{schemaLine.Groups[1].Value}\".conversations");
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(conversations);
    }

    private static async Task<string[]> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await DemoApp.RunAsync(args, output, error, colour: false);

        exitCode.Should().Be(0, error.ToString());
        return output.ToString().TrimEnd().Split(Environment.NewLine);
    }

    [GeneratedRegex(@"^Stored in PostgreSQL, schema (inbound_demo_[0-9]{8}_[0-9]{6}_[0-9a-f]{6}) \(kept; to remove it: drop schema \1 cascade;\)$")]
    private static partial Regex SchemaLine();

    [GeneratedRegex(@"^  40 contacts, ([0-9]+) conversations ", RegexOptions.Multiline)]
    private static partial Regex Conversations();
}
