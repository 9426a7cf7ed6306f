using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// The resume pass (ProcessDueAsync): every claimable run is claimed once, however many there are; a run another
/// engine holds is left to it; what a pass counts is what it did; a failure is logged and left to the next pass.
/// </summary>
public sealed class ResumePassTests
{
    private const int Batch = 256;

    [Fact]
    public async Task Resume_OfMoreRunsThanOneBatch_RunsEveryOne()
    {
        var stores = new SharedStores();
        var ids = new List<ConversationId>();
        for (var i = 0; i < Batch + 44; i++)
        {
            ids.Add(await stores.OpenWithoutRunningAsync($"contact-{i}", TestInbox.Start));
        }

        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana", capacity: 1000);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.RunsResumed.Should().Be(Batch + 44);
        (await inbox.LoadOfAsync("ana")).Should().Be(Batch + 44);
        foreach (var id in ids)
        {
            (await inbox.RunOfAsync(id)).Status.Should().Be(WorkflowRunStatus.Completed);
        }
    }

    [Fact]
    public async Task Resume_OfARunWhoseClaimFailed_LeavesItToTheNextPass_EvenWhenItIsListedAgainPastTheFirstBatch()
    {
        var stores = new SharedStores();
        var ids = new List<ConversationId>();
        for (var i = 0; i < Batch + 1; i++)
        {
            ids.Add(await stores.OpenWithoutRunningAsync($"contact-{i:D3}", TestInbox.Start.AddMilliseconds(i)));
        }

        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", capacity: 1000);
        var runWrites = 0;
        store!.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && ++runWrites == 1; // the first run's claim

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.RunsResumed.Should().Be(Batch, "the first run was not claimed; it is listed again in the second round, and not retried in this pass");
        var first = await inbox.RunOfAsync(ids[0]);
        first.Status.Should().Be(WorkflowRunStatus.Pending);
        first.Attempts.Should().Be(0);
        inbox.Messages(10).Should().Equal(
            $"Workflow run of conversation {ids[0]} was interrupted (IOException); it stays Pending and resumes on ProcessDueAsync");

        var next = await inbox.Engine.ProcessDueAsync();

        next.RunsResumed.Should().Be(1);
        (await inbox.RunOfAsync(ids[0])).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task Resume_OfAnInterruptedRunWhoseClaimFails_LogsThatItStaysRunning_AndCountsNothing()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        var runWrites = 0;
        store!.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && ++runWrites == 2; // the save after the claim
        (await inbox.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);
        inbox.Clock.Advance(TimeSpan.FromMinutes(1)); // its claim lapses
        store.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.RunsResumed.Should().Be(0);
        (await inbox.RunOfAsync(id)).Attempts.Should().Be(1);
        inbox.Messages(10).Should().Equal(
            $"Workflow run of conversation {id} was interrupted (IOException); it stays Running and resumes on ProcessDueAsync",
            $"Workflow run of conversation {id} was interrupted (IOException); it stays Running and resumes on ProcessDueAsync");
    }

    [Fact]
    public async Task Receive_WhoseRunCannotBeRead_ReturnsTheOpening_LogsThatTheRunStaysPending_AndAResumeRunsIt()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(7);
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        await inbox.AddAgentAsync("ana");
        plan.Override = call => call.Operation == nameof(IConversationStore.FindWorkflowRunAsync) ? FaultKind.Transient : null;

        var received = await inbox.ReceiveAsync();

        received.OpenedConversation.Should().BeTrue();
        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Triaging);
        inbox.Messages(10).Should().Equal(
            $"Workflow run of conversation {received.ConversationId} was interrupted ({nameof(InjectedFaultException)}); it stays Pending and resumes on ProcessDueAsync");
        plan.Override = null;
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Pending);

        (await inbox.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);
        (await inbox.ConversationOfAsync(received)).Assignee.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task Resume_OfARunThatFailsAfterItsClaim_CountsIt_LogsTheInterruption_AndLeavesItClaimed()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana");
        var runWrites = 0;
        store!.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && ++runWrites == 2; // the save after routing

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.RunsResumed.Should().Be(1, "the pass claimed the run");
        pass.FailedSteps.Should().Be(0);
        var run = await inbox.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Running);
        run.Attempts.Should().Be(1);
        run.ClaimExpiresAt.Should().Be(TestInbox.Start + TimeSpan.FromMinutes(1));
        var interrupted = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 10).Which;
        interrupted.Level.Should().Be(LogLevel.Error);
        interrupted.Message.Should().Be($"Workflow run of conversation {id} was interrupted (IOException); it stays Running and resumes on ProcessDueAsync");
    }

    [Fact]
    public async Task Resume_WhenAnotherEngineClaimsTheRunFirst_CountsNothing_AndLogsNothing()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        var enricher = StubEnricher.Fact("crm", "tier", "gold");
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartLoggedEngine(w => w.Enrich(enricher).DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        store!.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) ? new ConcurrencyConflictException(id, 1) : null;

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.RunsResumed.Should().Be(0);
        enricher.Calls.Should().Be(0);
        (await inbox.RunOfAsync(id)).Status.Should().Be(WorkflowRunStatus.Pending);
        inbox.Logs().Should().NotContain(r => r.Level >= LogLevel.Warning, "losing a claim to another engine is normal");
    }

    [Fact]
    public async Task Resume_MeetingALiveClaimOfAnotherEngine_LeavesTheRunToIt()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        var listedWhilePending = await stores.Conversations.ListUnfinishedWorkflowRunsAsync(10, CancellationToken.None);
        var hang = new Hang();
        using var holder = stores.StartEngine(w => w.Enrich(new StubEnricher("slow", async (_, ct) => await hang.RunAsync<bool>(ct))).DefaultTeam("support"));
        await holder.AddAgentAsync("ana");
        var holding = holder.Engine.ProcessDueAsync().AsTask();
        await hang.Started;

        // The second engine listed the run while it was pending, just before the first one claimed it.
        var second = StubEnricher.Fact("slow", "tier", "gold");
        using var other = stores.StartLoggedEngine(w => w.Enrich(second).DefaultTeam("support"), inner => new StaleListingStore(inner, listedWhilePending));
        var pass = await other.Engine.ProcessDueAsync();

        pass.RunsResumed.Should().Be(0, "the first engine's claim still holds");
        second.Calls.Should().Be(0);
        var held = await other.RunOfAsync(id);
        held.Status.Should().Be(WorkflowRunStatus.Running);
        held.Attempts.Should().Be(1);
        other.Logs().Should().NotContain(r => r.Level >= LogLevel.Warning);

        holder.Clock.Advance(TimeSpan.FromSeconds(5));
        (await holding).RunsResumed.Should().Be(1);
        var run = await holder.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Resume_OfAQueuedRunWhoseConversationStillWaits_EndsNothing()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        var waiting = await inbox.ReceiveAsync();

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedRunsEnded.Should().Be(0);
        (await inbox.RunOfAsync(waiting.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued);
    }

    [Fact]
    public async Task Resume_OfAQueuedRunWhoseEndStillConflicts_EndsNothing_LogsNothing_AndTheNextPassEndsIt()
    {
        var (stores, store, inbox, waiting) = await QueuedRunLeftBehindAsync();
        using var _ = inbox;
        store.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) ? new ConcurrencyConflictException(waiting, 2) : null;

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedRunsEnded.Should().Be(0);
        pass.FailedSteps.Should().Be(0);
        (await inbox.RunOfAsync(waiting)).Status.Should().Be(WorkflowRunStatus.Queued);
        inbox.Messages(10).Should().BeEmpty("a conflict means someone else changed the run: nothing failed");

        store.Throws = _ => null;
        (await inbox.Engine.ProcessDueAsync()).QueuedRunsEnded.Should().Be(1);
    }

    [Fact]
    public async Task Resume_OfAQueuedRunWhoseEndFails_LogsIt_AndGoesOnWithTheOtherRuns()
    {
        var (stores, store, inbox, waiting) = await QueuedRunLeftBehindAsync();
        using var _ = inbox;
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var pending = await stores.OpenWithoutRunningAsync("contact-3", inbox.Clock.GetUtcNow());
        await inbox.AddAgentAsync("bob");
        var runWrites = 0;
        store.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && ++runWrites == 1; // the queued run's end

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedRunsEnded.Should().Be(0);
        pass.RunsResumed.Should().Be(1, "the pending run listed after it still ran");
        pass.FailedSteps.Should().Be(0);
        (await inbox.RunOfAsync(waiting)).Status.Should().Be(WorkflowRunStatus.Queued);
        (await inbox.RunOfAsync(pending)).Status.Should().Be(WorkflowRunStatus.Completed);
        inbox.Messages(10).Should().Equal(
            $"Workflow run of conversation {waiting} was interrupted (IOException); it stays Queued and resumes on ProcessDueAsync");
    }

    /// <summary>A queued run whose conversation the queue assigned while the run's end could not be written.</summary>
    private static async Task<(SharedStores Stores, InstrumentedConversationStore Store, TestInbox Inbox, ConversationId Waiting)> QueuedRunLeftBehindAsync()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("contact-1");
        var waiting = await inbox.ReceiveAsync("contact-2");
        store!.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) ? new ConcurrencyConflictException(waiting.ConversationId, 1) : null;
        await inbox.CloseAsync(first.ConversationId, "ana");
        store.Throws = _ => null;
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.RunOfAsync(waiting.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued);
        return (stores, store, inbox, waiting.ConversationId);
    }
}
