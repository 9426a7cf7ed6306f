using System.Collections.Concurrent;
using InboundConversations.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Scale;

/// <summary>
/// Three engines, each with its own connection pool, over one database, as three host processes behind a load
/// balancer: the same contacts write to all of them at once (redeliveries land on another engine), the same team
/// takes the work, and agents close conversations while messages arrive. The invariants are then counted in the
/// database's rows.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SeveralEnginesTests(PostgreSqlServer server)
{
    private const string Schema = "inbox";
    private const string Team = "support";
    private const int Contacts = 30;
    private const int Waves = 3;
    private const int MessagesPerWave = 4;

    [Fact]
    public async Task ThreeEngines_HammeringTheSameContactsAndTeam_KeepEveryInvariant_CountedInTheRows()
    {
        var connectionString = await server.CreateDatabaseAsync("several", maxPoolSize: 20);
        await using var first = EngineHost.Start(connectionString, Schema, Team);
        await using var second = EngineHost.Start(connectionString, Schema, Team);
        await using var third = EngineHost.Start(connectionString, Schema, Team);
        var engines = new[] { first, second, third };
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var census = new InboxCensus(dataSource, Schema);

        // Six agents of capacity 3: 18 seats for 30 contacts, so conversations queue and drain as others close.
        for (var i = 0; i < 6; i++)
        {
            await engines[i % 3].Roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId($"agent-{i}"), Teams = [new TeamId(Team)], Capacity = 3, InitialPresence = AgentPresence.Online,
            });
        }

        var random = new Random(20261123);
        var firstDeliveries = new ConcurrentDictionary<string, int>();
        for (var wave = 0; wave < Waves; wave++)
        {
            var calls = new List<Func<Task>>();
            for (var contact = 0; contact < Contacts; contact++)
            {
                for (var m = 0; m < MessagesPerWave; m++)
                {
                    var message = Message(contact, $"c{contact}-w{wave}-m{m}");
                    var engine = random.Next(3);
                    calls.Add(() => ReceiveAsync(engines[engine], message, firstDeliveries));
                    if (random.Next(3) == 0)
                    {
                        var other = (engine + 1 + random.Next(2)) % 3; // the webhook's redelivery reaches another instance
                        calls.Add(() => ReceiveAsync(engines[other], message, firstDeliveries));
                    }
                }
            }

            // Agents close a third of the contacts' conversations while the wave arrives.
            foreach (var contact in Enumerable.Range(0, Contacts).Where(_ => random.Next(3) == 0).ToList())
            {
                var engine = engines[random.Next(3)];
                calls.Add(() => CloseOpenAsync(engine, new ContactId($"contact-{contact}")));
            }

            Shuffle(calls, random);
            await Task.WhenAll(calls.Select(call => Task.Run(call)));
        }

        foreach (var engine in engines)
        {
            (await engine.Engine.ProcessDueAsync()).FailedSteps.Should().Be(0, "every step of the background pass reaches the database");
        }

        const int Sent = Contacts * Waves * MessagesPerWave;
        firstDeliveries.Should().HaveCount(Sent).And.OnlyContain(d => d.Value == 1, "each message is recorded by exactly one delivery; its redelivery is told it is a duplicate");
        (await census.ContactsWithTwoOpenAsync()).Should().Be(0);
        (await census.InboundMessagesAsync()).Should().Be(Sent, "no message lost, none stored twice");
        (await census.DistinctInboundKeysAsync()).Should().Be(Sent);
        (await census.ConversationsWithSequenceGapsAsync()).Should().Be(0);
        (await census.ContactOpenedWithoutOneRunAsync()).Should().Be(0, "every contact-opened conversation has exactly one workflow run");
        (await census.RunsPendingOrRunningAsync()).Should().Be(0);
        (await census.OpenNeitherAssignedNorQueuedAsync()).Should().Be(0, "every open conversation ended its workflow assigned or queued");
        (await census.AgentsWithWrongLoadAsync()).Should().Be(0, "loads match the assigned conversations and the reservation rows, and never exceed capacity");
        (await census.ReservationsNotBackedByAnAssignmentAsync()).Should().Be(0, "no reservation is left behind");
        (await census.AssignedOutsideTheTeamAsync()).Should().Be(0);
        if (await census.QueuedAsync() > 0)
        {
            (await census.OnlineAgentsWithRoomAsync()).Should().Be(0, "a conversation waits in the queue only while every agent is full");
        }

        (await census.RowsAsync("conversations")).Should().BeGreaterThan(Contacts, "closes made contacts open new conversations");

        // Close everything, from all three engines: capacity comes back, the queue drains across processes, runs end.
        for (var round = 0; round < 20 && await OpenCountAsync(dataSource) > 0; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, Contacts).Select(contact =>
                Task.Run(() => CloseOpenAsync(engines[(contact + round) % 3], new ContactId($"contact-{contact}")))));
        }

        foreach (var engine in engines)
        {
            (await engine.Engine.ProcessDueAsync()).FailedSteps.Should().Be(0, "every step of the background pass reaches the database");
        }

        (await OpenCountAsync(dataSource)).Should().Be(0);
        (await census.QueuedAsync()).Should().Be(0);
        (await census.AgentsWithWrongLoadAsync()).Should().Be(0);
        (await census.OnlineAgentsWithRoomAsync()).Should().Be(6, "every agent is back to no load");
        (await census.RowsAsync("reservations")).Should().Be(0, "every close gave its agent's reservation back");
        (await census.RunsPendingOrRunningAsync()).Should().Be(0);
        (await census.InboundMessagesAsync()).Should().Be(Sent);
    }

    private static InboundMessage Message(int contact, string externalId) => new()
    {
        Contact = new ContactId($"contact-{contact}"),
        Channel = new ChannelId("whatsapp"),
        ExternalId = externalId,
        Content = "Hello, I need help with my order",
        SentAt = DateTimeOffset.UtcNow,
    };

    private static async Task ReceiveAsync(EngineHost host, InboundMessage message, ConcurrentDictionary<string, int> firstDeliveries)
    {
        var result = await host.Engine.ReceiveAsync(message);
        if (!result.IsDuplicate)
        {
            firstDeliveries.AddOrUpdate(message.ExternalId, 1, (_, count) => count + 1);
        }
    }

    /// <summary>Closes the contact's open conversation, if any, as its agent would; losing the race to another closer is fine.</summary>
    private static async Task CloseOpenAsync(EngineHost host, ContactId contact)
    {
        var open = await host.Engine.FindOpenConversationAsync(contact);
        if (open is null)
        {
            return;
        }

        try
        {
            await host.Engine.CloseAsync(new CloseConversationRequest
            {
                ConversationId = open.Id,
                ClosedBy = open.Assignee is { } agent ? Actor.Agent(agent) : Actor.Api("supervisor"),
                Category = "resolved",
            });
        }
        catch (ConversationClosedException)
        {
            // Another engine closed it first.
        }
    }

    private static async Task<long> OpenCountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from \"{Schema}\".conversations where state <> 5");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
