using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// The step timeout (measured on the library's clock) holds from a step's first instruction, is recorded and logged
/// as a timeout, and is never confused with the caller cancelling.
/// </summary>
public sealed class StepTimeoutTests
{
    [Fact]
    public async Task Step_ThatUsesUpItsLimitBeforeItFirstYields_TimesOutWithoutWaitingAgain()
    {
        var hang = new Hang();
        TestInbox? inbox = null;
        var slow = new StubEnricher("slow", async (_, ct) =>
        {
            inbox!.Clock.Advance(TimeSpan.FromSeconds(5)); // the synchronous part alone takes longer than the limit
            await hang.RunAsync<bool>(ct);
        });
        inbox = new TestInbox(build: b => b.AddInboundWorkflow(w => w.Enrich(slow).DefaultTeam("support")).Services.Configure<InboundWorkflowOptions>(o => o.StepTimeout = TimeSpan.FromSeconds(2)), services: FakeLogging.Add);
        using var _ = inbox;
        await inbox.AddAgentAsync("ana");

        // No further advance of the clock: the limit was spent before the step yielded.
        var received = await inbox.ReceiveAsync();

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Steps.Should().HaveCount(2);
        run.Steps[0].Should().Be(new WorkflowStep(
            WorkflowStepKind.Enrich, "slow", WorkflowStepStatus.TimedOut, TestInbox.Start, TimeSpan.FromSeconds(5), "The step did not finish within 00:00:02."));
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        (await inbox.ConversationOfAsync(received)).Assignee.Should().Be(new AgentId("ana"));
        var logged = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 8).Which;
        logged.Level.Should().Be(LogLevel.Warning);
        logged.Message.Should().Be($"Workflow step Enrich 'slow' of conversation {received.ConversationId} ended TimedOut (TimeoutException); the run goes on");
    }

    [Fact]
    public async Task Step_ThatPassesItsLimit_IsRecordedWithTheLimitAndLoggedAsATimeout()
    {
        var hang = new Hang();
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w => w.RouteBy(new StubRouter((_, ct) => hang.RunAsync<TeamId?>(ct))).DefaultTeam("support"))
                .Services.Configure<InboundWorkflowOptions>(o => o.StepTimeout = TimeSpan.FromMilliseconds(1500)),
            services: FakeLogging.Add);

        var receiving = inbox.ReceiveAsync().AsTask();
        await hang.Started;
        inbox.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        var received = await receiving;

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Steps.Should().Equal(new WorkflowStep(
            WorkflowStepKind.Route, "stub-router", WorkflowStepStatus.TimedOut, TestInbox.Start, TimeSpan.FromMilliseconds(1500), "The step did not finish within 00:00:01.5000000."),
            new WorkflowStep(WorkflowStepKind.Assign, "least-open", WorkflowStepStatus.NoMatch, TestInbox.Start.AddMilliseconds(1500), TimeSpan.Zero, null));
        inbox.Messages(8).Should().Equal($"Workflow step Route 'stub-router' of conversation {received.ConversationId} ended TimedOut (TimeoutException); the run goes on");
    }

    [Fact]
    public async Task Step_WhoseCallerCancelsWhileItRuns_IsNeitherRecordedNorLoggedAsATimeout()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        var hang = new Hang();
        using var inbox = stores.StartLoggedEngine(w => w.Enrich(new StubEnricher("slow", async (_, ct) => await hang.RunAsync<bool>(ct))).DefaultTeam("support"));
        using var cancellation = new CancellationTokenSource();

        var resuming = inbox.Engine.ProcessDueAsync(cancellation.Token).AsTask();
        await hang.Started;
        await cancellation.CancelAsync();

        await resuming.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        inbox.Logs().Should().NotContain(r => r.Id.Id == 8, "the caller cancelled: the step did not time out");
        var run = await inbox.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Running);
        run.Steps.Should().BeEmpty();
    }

    [Fact]
    public async Task Assigner_ThatSeesItsCallerCancelBeforeItYields_CancelsTheTransfer()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelNow = false;
        var assigner = new StubAssigner((context, ct) =>
        {
            if (cancelNow)
            {
                cancellation.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return AgentAssigners.LeastOpen().AssignAsync(context, ct);
        });
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("bob");
        await inbox.AddAgentAsync("ana", teams: "billing");
        var received = await inbox.ReceiveAsync();
        var before = await inbox.ConversationOfAsync(received);

        cancelNow = true;
        var transfer = async () => await inbox.Engine.TransferAsync(
            new TransferConversationRequest { ConversationId = received.ConversationId, ToTeam = new TeamId("billing"), TransferredBy = Actor.Agent(new AgentId("bob")) },
            cancellation.Token);

        await transfer.Should().ThrowAsync<OperationCanceledException>();
        (await inbox.ConversationOfAsync(received)).Should().Be(before);
    }
}
