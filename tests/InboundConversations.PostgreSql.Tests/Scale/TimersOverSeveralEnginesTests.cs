using InboundConversations.PostgreSql.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Scale;

/// <summary>
/// Durable timers across processes: engines (each its own container and connection pool) over one database, on one
/// simulated clock. Timers come due while the engines race their background passes; an engine dies after arming; a
/// process dies holding a claim. Each timer fires exactly once, counted in the engines' results and in the rows.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class TimersOverSeveralEnginesTests(PostgreSqlServer server)
{
    private const string Schema = "inbox";
    private const string Team = "support";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan AutoCloseAfter = TimeSpan.FromHours(1);

    [Fact]
    public async Task ThreeEnginesRacingProcessDue_FireEachDueTimerExactlyOnce_CountedInTheRowsAndTheResults()
    {
        const int Conversations = 40;
        var connectionString = await server.CreateDatabaseAsync("timers_race", maxPoolSize: 30);
        var clock = new FakeTimeProvider(Start);
        await using var first = StartEngine(connectionString, clock);
        await using var second = StartEngine(connectionString, clock);
        await using var third = StartEngine(connectionString, clock);
        var engines = new[] { first, second, third };
        await RegisterAgentsAsync(first, seats: Conversations);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var census = new InboxCensus(dataSource, Schema);

        // Forty contacts write, each to one of the engines, and are assigned. The agent answers the even ones, arming
        // their auto-close (an hour); the odd ones are snoozed for half an hour. Then two hours pass.
        for (var i = 0; i < Conversations; i++)
        {
            var engine = engines[i % 3].Engine;
            var received = await engine.ReceiveAsync(Message(i));
            var conversation = await engine.GetConversationAsync(received.ConversationId);
            conversation.State.Should().Be(ConversationState.Assigned);
            if (i % 2 == 0)
            {
                await engine.SendAsync(new OutboundMessage { ConversationId = conversation.Id, Author = Actor.Agent(conversation.Assignee!.Value), Content = "Does that help?" });
            }
            else
            {
                await engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = conversation.Id, Until = Start.AddMinutes(30), SnoozedBy = Actor.Agent(conversation.Assignee!.Value) });
            }
        }

        (await census.ConversationsWithTimersAsync()).Should().Be(Conversations);
        clock.Advance(TimeSpan.FromHours(2));

        // Every engine runs two passes at once: six passes race for forty due conversations.
        var passes = await Task.WhenAll(engines.Concat(engines).Select(host => Task.Run(async () => await host.Engine.ProcessDueAsync())));

        passes.Should().OnlyContain(p => p.FailedSteps == 0 && p.TimersFailed == 0 && p.TimersSkipped == 0 && p.QueueTimeoutsFired == 0);
        passes.Sum(p => p.ConversationsAutoClosed).Should().Be(Conversations / 2, "each armed auto-close fired once, in one of the passes");
        passes.Sum(p => p.SnoozesEnded).Should().Be(Conversations / 2, "each snooze ended once, in one of the passes");
        (await census.ClosedBySystemAsync("auto-close", "auto-closed")).Should().Be(Conversations / 2);
        (await census.InStateAsync(ConversationState.Closed)).Should().Be(Conversations / 2, "only the auto-closed ones closed");
        (await census.InStateAsync(ConversationState.Assigned)).Should().Be(Conversations / 2, "the snoozed ones woke to their agent");
        (await census.InStateAsync(ConversationState.Snoozed)).Should().Be(0);
        (await census.ConversationsWithTimersAsync()).Should().Be(0, "every timer that fired was removed by its firing's write");
        (await census.TimerClaimsAsync()).Should().Be(0, "every firing's write ended its claim");
        (await census.AgentsWithWrongLoadAsync()).Should().Be(0, "each auto-close gave its agent's seat back once; a woken conversation keeps its seat");
        (await census.ReservationsNotBackedByAnAssignmentAsync()).Should().Be(0);
        (await census.RowsAsync("reservations")).Should().Be(Conversations / 2);

        var again = await Task.WhenAll(engines.Select(host => host.Engine.ProcessDueAsync().AsTask()));
        again.Should().OnlyContain(p => p.TimersFired == 0 && p.TimersSkipped == 0, "a timer fires at most once per arming");
    }

    [Fact]
    public async Task AnEngineDyingAfterArming_AnotherFiresItsTimersOnce_OnlyWhenDue()
    {
        var connectionString = await server.CreateDatabaseAsync("timers_crash");
        var clock = new FakeTimeProvider(Start);
        var dying = StartEngine(connectionString, clock);
        await RegisterAgentsAsync(dying, seats: 2);

        // The engine that will die arms an auto-close (an agent's reply) and a snooze's end, then its process is gone.
        var answered = await AssignedAsync(dying, 0);
        await dying.Engine.SendAsync(new OutboundMessage { ConversationId = answered.Id, Author = Actor.Agent(answered.Assignee!.Value), Content = "Anything else?" });
        var snoozed = await AssignedAsync(dying, 1);
        await dying.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = snoozed.Id, Until = Start.AddMinutes(90), SnoozedBy = Actor.Agent(snoozed.Assignee!.Value) });
        await dying.DisposeAsync();
        await using var survivor = StartEngine(connectionString, clock);

        clock.Advance(AutoCloseAfter - TimeSpan.FromSeconds(1));
        (await survivor.Engine.ProcessDueAsync()).TimersFired.Should().Be(0, "neither timer is due yet");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await survivor.Engine.ProcessDueAsync()).ConversationsAutoClosed.Should().Be(1);
        clock.Advance(TimeSpan.FromMinutes(30));
        var woke = await survivor.Engine.ProcessDueAsync();
        (woke.SnoozesEnded, woke.ConversationsAutoClosed).Should().Be((1, 0));
        (await survivor.Engine.ProcessDueAsync()).TimersFired.Should().Be(0, "each fired once");

        (await survivor.Engine.GetConversationAsync(answered.Id)).Closure!.ClosedBy.Should().Be(Actor.System("auto-close"));
        (await survivor.Engine.GetConversationAsync(snoozed.Id)).State.Should().Be(ConversationState.Assigned);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var census = new InboxCensus(dataSource, Schema);
        (await census.ConversationsWithTimersAsync()).Should().Be(0);
        (await census.AgentsWithWrongLoadAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AClaimTakenByAProcessThatDied_IsFiredByAnotherEngineOnlyOnceTheTimerLeaseLapses()
    {
        var connectionString = await server.CreateDatabaseAsync("timers_claim");
        var clock = new FakeTimeProvider(Start);
        var lease = TimeSpan.FromMinutes(1); // the default TimerLease
        await using var engine = StartEngine(connectionString, clock);
        await RegisterAgentsAsync(engine, seats: 1);
        var answered = await AssignedAsync(engine, 0);
        await engine.Engine.SendAsync(new OutboundMessage { ConversationId = answered.Id, Author = Actor.Agent(answered.Assignee!.Value), Content = "Anything else?" });
        clock.Advance(AutoCloseAfter);

        // Another process claims the due timer as its pass would, and dies before firing it.
        await using (var dead = NpgsqlDataSource.Create(connectionString))
        {
            var store = new PostgreSqlConversationStore(dead, new PostgreSqlOptions { Schema = Schema });
            (await store.ClaimDueAsync(clock.GetUtcNow(), lease, 10, CancellationToken.None)).Select(c => c.Id).Should().Equal(answered.Id);
        }

        (await engine.Engine.ProcessDueAsync()).TimersFired.Should().Be(0, "the dead process's claim is live");
        clock.Advance(lease - TimeSpan.FromSeconds(1));
        (await engine.Engine.ProcessDueAsync()).TimersFired.Should().Be(0, "the dead process's claim is still live");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await engine.Engine.ProcessDueAsync()).ConversationsAutoClosed.Should().Be(1, "the claim lapsed");
        (await engine.Engine.ProcessDueAsync()).TimersFired.Should().Be(0);

        (await engine.Engine.GetConversationAsync(answered.Id)).State.Should().Be(ConversationState.Closed);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var census = new InboxCensus(dataSource, Schema);
        (await census.ConversationsWithTimersAsync()).Should().Be(0);
        (await census.TimerClaimsAsync()).Should().Be(0);
    }

    private static EngineHost StartEngine(string connectionString, TimeProvider clock) =>
        EngineHost.Start(connectionString, Schema, Team, clock, options: o => o.AutoCloseAfter = AutoCloseAfter);

    /// <summary>Registers agents of capacity 10 on the team, online, with <paramref name="seats"/> seats in all (at least one agent).</summary>
    private static async Task RegisterAgentsAsync(EngineHost host, int seats)
    {
        for (var i = 0; i * 10 < seats; i++)
        {
            await host.Roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId($"agent-{i}"), Teams = [new TeamId(Team)], Capacity = 10, InitialPresence = AgentPresence.Online,
            });
        }
    }

    /// <summary>Contact <paramref name="contact"/> writes through <paramref name="host"/>; returns the conversation, assigned.</summary>
    private static async Task<Conversation> AssignedAsync(EngineHost host, int contact)
    {
        var received = await host.Engine.ReceiveAsync(Message(contact));
        var conversation = await host.Engine.GetConversationAsync(received.ConversationId);
        conversation.State.Should().Be(ConversationState.Assigned);
        return conversation;
    }

    private static InboundMessage Message(int contact) => new()
    {
        Contact = new ContactId($"contact-{contact}"),
        Channel = new ChannelId("whatsapp"),
        ExternalId = $"wamid.{contact}",
        Content = "Where is my order?",
        SentAt = Start,
    };
}
