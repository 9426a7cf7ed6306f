using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// What one background pass (<see cref="IConversationEngine.ProcessDueAsync"/>) reports and logs: a summary
/// (event 17) only when it did something, each leftover reservation it released (event 16), each step that failed
/// (event 18, by its step name and exception type) while the other steps go on, and a cancellation as a cancellation.
/// </summary>
public sealed class BackgroundPassTests
{
    private const int PassDone = 17;
    private const int StepFailed = 18;
    private const int LeftoverReleased = 16;
    private static readonly TimeSpan PastTheGrace = TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Pass_WithNothingToDo_ReportsZeros_AndLogsNeitherASummaryNorAFailure()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana");

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.Should().BeEquivalentTo(new ProcessDueResult());
        inbox.Logs().Should().NotContain(r => r.Id.Id == PassDone, "a pass that did nothing says nothing")
            .And.NotContain(r => r.Id.Id == StepFailed);
    }

    [Fact]
    public async Task Pass_WithoutAWorkflow_HasNoRunsToResume_AndFailsNoStep()
    {
        using var inbox = new TestInbox(services: FakeLogging.Add);
        await inbox.ReceiveAsync("c1");

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.Should().BeEquivalentTo(new ProcessDueResult());
        inbox.Logs().Should().NotContain(r => r.Id.Id == StepFailed);
    }

    [Fact]
    public async Task Pass_ThatOnlyReleasesALeftover_LogsTheReleaseWithItsIds_AndASummaryCountingIt()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana", capacity: 2);
        var closed = await inbox.ReceiveAsync("c1");
        await inbox.CloseAsync(closed.ConversationId, "ana");
        await stores.Agents.ReserveAsync(
            default, WorkflowInbox.Support, AgentSelection.Specific(new AgentId("ana")) with { RequireOnline = false },
            new ConversationVersion(closed.ConversationId, 2), TestInbox.Start, CancellationToken.None);
        inbox.Clock.Advance(PastTheGrace);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.Should().BeEquivalentTo(new ProcessDueResult { LeftoverReservationsReleased = 1 });
        inbox.Logs().Should().ContainSingle(r => r.Id.Id == LeftoverReleased).Which.Message.Should().Be(
            $"Agent ana held a reservation for conversation {closed.ConversationId} (Closed, assigned to ana) in workspace {WorkspaceId.Default}; released");
        Summary(inbox).Should().Be(
            "Background pass: 0 timers fired, 0 skipped, 0 runs resumed, 0 queued runs ended, 1 leftover reservations released, 0 queued conversations assigned");
    }

    [Fact]
    public async Task Pass_ThatOnlyEndsAQueuedRun_LogsASummaryCountingIt()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        store!.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) ? new ConcurrencyConflictException(waiting.ConversationId, 1) : null;
        await inbox.CloseAsync(first.ConversationId, "ana");
        store.Throws = _ => null;

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.Should().BeEquivalentTo(new ProcessDueResult { QueuedRunsEnded = 1 });
        Summary(inbox).Should().Be(
            "Background pass: 0 timers fired, 0 skipped, 0 runs resumed, 1 queued runs ended, 0 leftover reservations released, 0 queued conversations assigned");
    }

    [Fact]
    public async Task Pass_ThatOnlyAssignsAQueuedConversation_LogsASummaryCountingIt()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), services: FakeLogging.Add);
        var waiting = await inbox.ReceiveAsync("c1");
        await stores.Agents.RegisterAsync(
            new AgentRegistration { Agent = new AgentId("ana"), Teams = [WorkflowInbox.Support], Capacity = 1, InitialPresence = AgentPresence.Online },
            CancellationToken.None);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.Should().BeEquivalentTo(new ProcessDueResult { QueuedConversationsAssigned = 1 });
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        Summary(inbox).Should().Be(
            "Background pass: 0 timers fired, 0 skipped, 0 runs resumed, 0 queued runs ended, 0 leftover reservations released, 1 queued conversations assigned");
    }

    public static TheoryData<string, string> Steps => new()
    {
        { "IConversationStore.ListUnfinishedWorkflowRunsAsync", "resume runs" },
        { "IAgentDirectory.ListReservationsAsync", "release leftover reservations" },
        { "IConversationStore.ListQueuedTeamsAsync", "drain queues" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Pass_WhoseStepFails_CountsAndLogsThatStepByName_AndStillAssignsTheQueue(string failing, string step)
    {
        var ports = new PortCalls();
        var stores = new SharedStores();
        using var inbox = ports.StartEngine(stores, w => w.DefaultTeam("support"), services: FakeLogging.Add);
        var waiting = await inbox.ReceiveAsync("c1");
        await stores.Agents.RegisterAsync(
            new AgentRegistration { Agent = new AgentId("ana"), Teams = [WorkflowInbox.Support], Capacity = 1, InitialPresence = AgentPresence.Online },
            CancellationToken.None);
        ports.Fault = call => call.Name == failing ? FaultKind.Transient : null;

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.FailedSteps.Should().Be(1);
        var failure = inbox.Logs().Should().ContainSingle(r => r.Id.Id == StepFailed).Which;
        failure.Level.Should().Be(LogLevel.Warning);
        failure.Message.Should().Be($"Background pass step {step} failed ({nameof(InjectedFaultException)}); the next pass tries again");
        if (step != "drain queues")
        {
            pass.QueuedConversationsAssigned.Should().Be(1, "the steps after a failed one still run");
            (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        }
    }

    [Fact]
    public async Task Pass_WithACancelledToken_ThrowsTheCancellation_AndCountsNoFailedStep()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), services: FakeLogging.Add);

        var pass = () => inbox.Engine.ProcessDueAsync(new CancellationToken(canceled: true)).AsTask();

        await pass.Should().ThrowAsync<OperationCanceledException>();
        inbox.Logs().Should().NotContain(r => r.Id.Id == StepFailed, "a cancelled pass did not fail");
    }

    private static string Summary(TestInbox inbox)
    {
        var summary = inbox.Logs().Should().ContainSingle(r => r.Id.Id == PassDone).Which;
        summary.Level.Should().Be(LogLevel.Information);
        return summary.Message;
    }
}
