using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Scale;

/// <summary>
/// One engine dies in the middle of its workflows (its process gone: its pool closed, its claims never renewed);
/// another engine over the same database resumes them once their claims lapse, and each conversation ends assigned once.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class EngineCrashTests(PostgreSqlServer server)
{
    private const string Schema = "inbox";
    private const string Team = "support";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnEngineDyingInsideItsRuns_TheOtherResumesThemAfterTheirClaimsLapse_EachAssignedOnce()
    {
        var connectionString = await server.CreateDatabaseAsync("crash");
        var survivorClock = new FakeTimeProvider(Start);
        await using var survivor = EngineHost.Start(connectionString, Schema, Team, survivorClock, new PurposeEnricher());
        await RegisterAgentsAsync(survivor);
        var stuck = new StuckEnricher();
        var dying = EngineHost.Start(connectionString, Schema, Team, new FakeTimeProvider(Start), stuck);

        // Five contacts write to the engine that will die; each of its runs is claimed and stops inside enrichment.
        var abandoned = Enumerable.Range(0, 5).Select(i => dying.Engine.ReceiveAsync(Message(i)).AsTask()).ToArray();
        await stuck.EnteredAsync(5);
        await dying.DisposeAsync();

        (await survivor.Engine.ProcessDueAsync()).RunsResumed.Should().Be(0, "the dead engine's claims have not lapsed yet");
        survivorClock.Advance(TimeSpan.FromMinutes(2)); // past the default one-minute run lease
        (await survivor.Engine.ProcessDueAsync()).RunsResumed.Should().Be(5);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var census = new InboxCensus(dataSource, Schema);
        for (var i = 0; i < 5; i++)
        {
            var conversation = await survivor.Engine.FindOpenConversationAsync(new ContactId($"contact-{i}"));
            conversation!.State.Should().Be(ConversationState.Assigned);
            var run = await survivor.Engine.FindWorkflowRunAsync(conversation.Id);
            run!.Status.Should().Be(WorkflowRunStatus.Completed);
            run.Attempts.Should().Be(2, "the dead engine's attempt, then the survivor's");
            run.Facts.Should().ContainKey("purpose");
            run.Agent.Should().Be(conversation.Assignee);
        }

        (await census.RowsAsync("conversations")).Should().Be(5);
        (await census.ContactOpenedWithoutOneRunAsync()).Should().Be(0);
        (await census.RunsPendingOrRunningAsync()).Should().Be(0);
        (await census.AgentsWithWrongLoadAsync()).Should().Be(0, "each conversation took one unit of one agent's capacity");
        (await census.ReservationsNotBackedByAnAssignmentAsync()).Should().Be(0, "each reservation row stands for one of the survivor's assignments");
        abandoned.Should().OnlyContain(call => !call.IsCompleted, "the dead engine never finished them");
    }

    [Fact]
    public async Task AnEngineDyingRightAfterStoringAnOpening_ItsPendingRunIsResumedByTheOther()
    {
        var connectionString = await server.CreateDatabaseAsync("crash_pending");
        var clock = new FakeTimeProvider(Start);
        await using var survivor = EngineHost.Start(connectionString, Schema, Team, clock, new PurposeEnricher());
        await RegisterAgentsAsync(survivor);

        // What a process leaves behind when it dies between storing the opening and claiming its run: the opening and
        // the pending run, written in one transaction, and nothing else.
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            var store = new PostgreSqlConversationStore(dataSource, new PostgreSqlOptions { Schema = Schema });
            var append = new InboundAppend
            {
                Workspace = default,
                Contact = new ContactId("contact-pending"),
                Channel = new ChannelId("whatsapp"),
                ExternalId = "wamid.pending",
                Content = "Hello?",
                SentAt = Start,
                ReceivedAt = Start,
                MessageId = MessageId.New(Start),
                NewConversationId = ConversationId.New(Start),
                NewConversationState = ConversationState.Triaging,
                StartsWorkflow = true,
            };
            (await store.AppendInboundAsync(append, CancellationToken.None)).Outcome.Should().Be(InboundAppendOutcome.Opened);
        }

        (await survivor.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1, "a pending run is claimable at once");

        var conversation = await survivor.Engine.FindOpenConversationAsync(new ContactId("contact-pending"));
        conversation!.State.Should().Be(ConversationState.Assigned);
        (await survivor.Engine.FindWorkflowRunAsync(conversation.Id))!.Status.Should().Be(WorkflowRunStatus.Completed);
        (await survivor.Engine.ProcessDueAsync()).RunsResumed.Should().Be(0, "a run ends once");
    }

    private static async Task RegisterAgentsAsync(EngineHost host)
    {
        for (var i = 0; i < 3; i++)
        {
            await host.Roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId($"agent-{i}"), Teams = [new TeamId(Team)], Capacity = 2, InitialPresence = AgentPresence.Online,
            });
        }
    }

    private static InboundMessage Message(int contact) => new()
    {
        Contact = new ContactId($"contact-{contact}"),
        Channel = new ChannelId("whatsapp"),
        ExternalId = $"wamid.{contact}",
        Content = "My parcel has not arrived",
        SentAt = Start,
    };
}
