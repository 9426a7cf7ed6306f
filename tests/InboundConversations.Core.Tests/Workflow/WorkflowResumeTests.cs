using InboundConversations.Storage;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Workflow;

/// <summary>Invariant 4: every contact-opened conversation gets exactly one workflow run, even across a crash.</summary>
public sealed class WorkflowResumeTests
{
    [Fact]
    public async Task Resume_AfterACrashBetweenOpeningAndRunning_RunsThePendingRunOnce()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        using var restarted = stores.StartEngine(w => w.DefaultTeam("support"));
        await restarted.AddAgentAsync("ana");

        var resumed = await restarted.Engine.ProcessDueAsync();
        var again = await restarted.Engine.ProcessDueAsync();

        resumed.RunsResumed.Should().Be(1);
        again.RunsResumed.Should().Be(0);
        (await restarted.Engine.GetConversationAsync(id)).State.Should().Be(ConversationState.Assigned);
        var run = await restarted.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Attempts.Should().Be(1);
        (await restarted.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task Resume_AfterAnInterruptionMidRun_SkipsTheStepsAlreadyRecorded()
    {
        var stores = new SharedStores();
        var firstBefore = StubEnricher.Fact("first", "tier", "gold");
        var secondBefore = StubEnricher.Fact("second", "language", "en");
        InstrumentedConversationStore? faulty = null;
        using (var crashing = stores.StartEngine(
            w => w.Enrich(firstBefore).Enrich(secondBefore).DefaultTeam("support"),
            inner => faulty = new InstrumentedConversationStore(inner)))
        {
            // The store goes down right after the first enricher's step is recorded.
            var runUpdates = 0;
            faulty!.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && ++runUpdates > 2;
            var received = await crashing.ReceiveAsync();
            received.OpenedConversation.Should().BeTrue("the message and the opening were stored before the outage");
        }

        var id = (await stores.Conversations.ListByContactAsync(default, new ContactId("contact-1"), CancellationToken.None)).Single().Id;
        var interrupted = await stores.Conversations.FindWorkflowRunAsync(default, id, CancellationToken.None);
        interrupted!.Status.Should().Be(WorkflowRunStatus.Running);
        interrupted.Steps.Select(s => s.Name).Should().Equal("first");

        var firstAfter = StubEnricher.Fact("first", "tier", "platinum");
        var secondAfter = StubEnricher.Fact("second", "language", "es");
        using var restarted = stores.StartEngine(w => w.Enrich(firstAfter).Enrich(secondAfter).DefaultTeam("support"));
        await restarted.AddAgentAsync("ana");
        (await restarted.Engine.ProcessDueAsync()).RunsResumed.Should().Be(0, "the interrupted engine's claim has not lapsed: it might still be running");
        restarted.Clock.Advance(TimeSpan.FromMinutes(1));
        (await restarted.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);

        firstAfter.Calls.Should().Be(0, "its step was recorded before the interruption");
        secondAfter.Calls.Should().Be(1);
        var run = await restarted.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Attempts.Should().Be(2);
        run.Facts.Should().Contain("tier", "gold").And.Contain("language", "es");
        run.Steps.Select(s => s.Name).Should().Equal("first", "second", "least-open");
        (await restarted.Engine.GetConversationAsync(id)).Assignee.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task Receive_WithTheTokenCancelledDuringTheRun_StillRunsTheWorkflowToItsEnd()
    {
        using var cancel = new CancellationTokenSource();
        var canceller = new StubEnricher("cancels-the-caller", async (_, _) => await cancel.CancelAsync());
        using var inbox = WorkflowInbox.Create(w => w.Enrich(canceller).DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");

        var received = await inbox.Engine.ReceiveAsync(inbox.Message(), cancel.Token);

        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task Resume_ByTwoEnginesAtOnce_RunsEachPendingRunExactlyOnce()
    {
        var stores = new SharedStores();
        var ids = new List<ConversationId>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await stores.OpenWithoutRunningAsync($"contact-{i}", TestInbox.Start));
        }

        var enrichers = new[] { StubEnricher.Fact("crm", "tier", "gold"), StubEnricher.Fact("crm", "tier", "gold") };
        using var one = stores.StartEngine(w => w.Enrich(enrichers[0]).DefaultTeam("support"));
        using var two = stores.StartEngine(w => w.Enrich(enrichers[1]).DefaultTeam("support"));
        await one.AddAgentAsync("ana", capacity: 100);

        await Task.WhenAll(Task.Run(() => one.Engine.ProcessDueAsync().AsTask()), Task.Run(() => two.Engine.ProcessDueAsync().AsTask()));

        enrichers.Sum(e => e.Calls).Should().Be(40);
        (await one.LoadOfAsync("ana")).Should().Be(40);
        foreach (var id in ids)
        {
            var run = await one.RunOfAsync(id);
            run.Status.Should().Be(WorkflowRunStatus.Completed);
            run.Attempts.Should().Be(1);
        }
    }

    [Fact]
    public async Task Resume_OfAConversationClosedMeanwhile_EndsTheRunWithoutAssigning()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        using var restarted = stores.StartEngine(w => w.DefaultTeam("support"));
        await restarted.AddAgentAsync("ana");
        await restarted.CloseAsync(id);

        await restarted.Engine.ProcessDueAsync();

        (await restarted.RunOfAsync(id)).Status.Should().Be(WorkflowRunStatus.Completed);
        (await restarted.LoadOfAsync("ana")).Should().Be(0);
    }
}
