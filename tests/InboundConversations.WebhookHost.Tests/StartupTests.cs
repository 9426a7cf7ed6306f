using InboundConversations.Hosting;
using InboundConversations.PostgreSql;
using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.WebhookHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Tests;

/// <summary>
/// Start-up: agents from configuration, settings checked before any request, unfinished runs resumed by the
/// background processing's first pass and, while the host runs, by its later passes.
/// </summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_RegistersTheConfiguredAgents_OfflineWithTheirTeamsAndCapacity()
    {
        await using var host = await RunningHost.StartAsync();

        var ana = await host.Client.GetAsync("/agents/ana").ShouldAnswerAsync();
        ana.Text("presence").Should().Be("offline");
        ana.GetProperty("teams").EnumerateArray().Select(team => team.GetString()).Should().Equal("sales", "support");
        ana.GetProperty("capacity").GetInt32().Should().Be(2);
        (await host.Client.GetAsync("/agents/ben").ShouldAnswerAsync()).Text("presence").Should().Be("offline");
    }

    [Fact]
    public async Task Start_WithAnAgentInATeamTheWorkflowNeverRoutesTo_StopsTheHost()
    {
        var start = () => RunningHost.StartAsync(["--Inbox:Agents:0:Teams:0=salse"]);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("salse");
    }

    [Fact]
    public async Task Build_WithAnInboxConnectionString_StoresInPostgreSql_AndWithoutOne_InMemory()
    {
        await using var shared = WebhookHostApp.Build(["--ConnectionStrings:Inbox=Host=127.0.0.1;Database=inbox", "--Inbox:PostgreSql:Schema=webhooks"]);
        await using var alone = WebhookHostApp.Build([]);

        shared.Services.GetRequiredService<IConversationStore>().Should().BeOfType<PostgreSqlConversationStore>();
        shared.Services.GetRequiredService<IAgentDirectory>().Should().BeOfType<PostgreSqlAgentDirectory>();
        shared.Services.GetRequiredService<IContactStore>().Should().BeOfType<PostgreSqlContactStore>();
        shared.Services.GetRequiredService<IOptions<PostgreSqlOptions>>().Value.Schema.Should().Be("webhooks");
        alone.Services.GetRequiredService<IConversationStore>().Should().BeOfType<InMemoryConversationStore>();
    }

    [Fact]
    public void Build_WithAMalformedInboxConnectionString_ThrowsWithoutEchoingIt()
    {
        var build = () => WebhookHostApp.Build(["--ConnectionStrings:Inbox=Password=hunter2;Hots=x"]);

        build.Should().Throw<ArgumentException>().Which.Message.Should().Contain("connection string").And.NotContain("hunter2");
    }

    [Fact]
    public async Task Start_WithAnInvalidPostgreSqlSchema_StopsTheHostBeforeConnecting()
    {
        var start = () => RunningHost.StartAsync(["--ConnectionStrings:Inbox=Host=127.0.0.1;Port=1;Database=inbox", "--Inbox:PostgreSql:Schema=Inbox-1"]);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("PostgreSqlOptions.Schema");
    }

    [Fact]
    public async Task Start_WithALibraryOptionOutOfRange_StopsTheHost()
    {
        var start = () => RunningHost.StartAsync(["--InboundConversations:MaxContentLength=0"]);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("MaxContentLength");
    }

    [Fact]
    public async Task Start_WithAWorkflowOptionOutOfRange_StopsTheHostNamingIt()
    {
        var start = () => RunningHost.StartAsync(["--InboundConversations:Workflow:StepTimeout=00:10:00"]);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("InboundWorkflowOptions.StepTimeout").And.Contain("it is 00:10:00");
    }

    [Fact]
    public async Task Start_WithABackgroundProcessingIntervalOutOfRange_StopsTheHostNamingIt()
    {
        var start = () => RunningHost.StartAsync(["--InboundConversations:BackgroundProcessing:Interval=02:00:00"]);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should()
            .Contain("BackgroundProcessingOptions.Interval").And.Contain("it is 02:00:00");
    }

    [Fact]
    public async Task Start_WithTheBackgroundProcessingIntervalFromConfiguration_WaitsThatLongBetweenPasses()
    {
        await using var host = await RunningHost.StartAsync(["--InboundConversations:BackgroundProcessing:Interval=00:00:07"]);

        host.Services.GetRequiredService<IOptions<BackgroundProcessingOptions>>().Value.Interval.Should().Be(TimeSpan.FromSeconds(7));
        host.Services.GetServices<IHostedService>().Should().ContainSingle(s => s.GetType().Name == "BackgroundProcessingService");
        host.Clock.Advance(TimeSpan.FromSeconds(7));
        await host.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(7)); // the second pass ran, and the next wait began
    }

    [Fact]
    public async Task Start_WithAnAgentCapacityBelowOne_StopsTheHostWithTheLibrarysException()
    {
        var start = () => RunningHost.StartAsync(["--Inbox:Agents:1:Capacity=0"]);

        await start.Should().ThrowAsync<InvalidRequestException>();
    }

    [Fact]
    public async Task Restart_ResumesTheWorkflowRunACrashedProcessLeftUnfinished()
    {
        // One store outlives both processes, as a database would.
        var conversations = new InMemoryConversationStore();
        var agents = new InMemoryAgentDirectory();
        var contacts = new InMemoryContactStore();
        void Shared(IServiceCollection services, IConversationStore store) => services
            .AddSingleton(store).AddSingleton<IAgentDirectory>(agents).AddSingleton<IContactStore>(contacts);

        // The first process stores the message, the conversation and its pending run, then every write fails: the
        // webhook still answers 200 (the message is safe), and the run stays unfinished. The writes are counted from
        // the webhook on (the start-up pass claims due timers, a write).
        var counting = false;
        var writes = 0;
        var outage = new FaultPlan(seed: 1) { Override = call => counting && call.IsWrite && ++writes > 1 ? FaultKind.Transient : null };
        string id;
        await using (var crashing = await RunningHost.StartAsync(services: s => Shared(s, new FaultInjectingConversationStore(conversations, outage))))
        {
            counting = true;
            var received = await crashing.PostWebhookAsync("wamid.1", "What is the price?").ShouldAnswerAsync();
            received.Text("outcome").Should().Be("opened");
            id = received.Text("conversationId");
        }

        outage.Total.Transient.Should().BePositive("the outage interrupted the run");
        var stored = await conversations.FindWorkflowRunAsync(default, ConversationId.Parse(id), CancellationToken.None);
        stored!.Status.Should().Be(WorkflowRunStatus.Pending);

        await using var restarted = await RunningHost.StartAsync(services: s => Shared(s, conversations));

        // RunningHost returns once the background processing's first pass has ended: the pass that resumed the run.
        var resumed = (await restarted.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation");
        resumed.Text("state").Should().Be("queued", "the first background pass resumed the run: routed to sales, where nobody is online");
        resumed.Text("team").Should().Be("sales");
        (await restarted.Client.GetAsync("/teams/sales/queue").ShouldAnswerAsync()).GetProperty("queued").GetArrayLength().Should().Be(1);
        var redelivered = await restarted.PostWebhookAsync("wamid.1", "What is the price?").ShouldAnswerAsync();
        redelivered.Text("outcome").Should().Be("duplicate");
        redelivered.Text("conversationId").Should().Be(id);
    }

    [Fact]
    public async Task WhileRunning_TheBackgroundProcessingPicksUpARunAStoreFailureInterrupted()
    {
        var down = false;
        var writes = 0;
        var outage = new FaultPlan(seed: 1) { Override = call => down && call.IsWrite && ++writes > 1 ? FaultKind.Transient : null };
        var queued = new TaskCompletionSource<ConversationQueued>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await RunningHost.StartAsync(services: s => s
            .AddSingleton<IConversationStore>(new FaultInjectingConversationStore(new InMemoryConversationStore(), outage))
            .AddSingleton<IConversationEventHandler>(new QueuedSignal(queued)));

        down = true;
        var received = await host.PostWebhookAsync("wamid.1", "What is the price?").ShouldAnswerAsync();
        var id = received.Text("conversationId");
        (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation").Text("state").Should().Be("triaging");

        down = false;
        host.Clock.Advance(TimeSpan.FromMinutes(2)); // past the run's lease: the next pass resumes it

        (await queued.Task.WaitAsync(TimeSpan.FromSeconds(30))).ConversationId.ToString().Should().Be(id);
        var resumed = (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation");
        resumed.Text("state").Should().Be("queued", "routed to sales, where nobody is online");
    }

    private sealed class QueuedSignal(TaskCompletionSource<ConversationQueued> signal) : IConversationEventHandler
    {
        public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
        {
            if (conversationEvent is ConversationQueued queued)
            {
                signal.TrySetResult(queued);
            }

            return ValueTask.CompletedTask;
        }
    }
}
