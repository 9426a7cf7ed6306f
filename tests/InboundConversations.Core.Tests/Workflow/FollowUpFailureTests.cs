using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// A stored change's follow-ups (ending a queued run, giving an agent's unit back, draining queues) never make the call
/// fail: it returns the stored change, and what a failed follow-up left undone is done by the next background pass.
/// </summary>
public sealed class FollowUpFailureTests
{
    [Fact]
    public async Task Close_WhoseDrainMeetsAConflictOnTheQueuedRunEveryTime_ReturnsTheClose_AssignsTheQueue_AndThePassEndsTheRun()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        store!.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) ? new ConcurrencyConflictException(waiting.ConversationId, 1) : null;

        var closed = await inbox.CloseAsync(first.ConversationId, "ana");

        closed.State.Should().Be(ConversationState.Closed);
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"), "the drain went on after the conflict");
        (await inbox.RunOfAsync(waiting.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued, "its end could not be written");

        store.Throws = _ => null;
        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedRunsEnded.Should().Be(1);
        var run = await inbox.RunOfAsync(waiting.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Agent.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task Close_WhoseDrainMeetsOneConflictOnTheQueuedRun_EndsTheRunInTheSameCall()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        var conflicts = 1;
        store!.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && conflicts-- > 0 ? new ConcurrencyConflictException(waiting.ConversationId, 1) : null;

        await inbox.CloseAsync(first.ConversationId, "ana");

        (await inbox.RunOfAsync(waiting.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed, "the end is read again and retried after a conflict");
    }

    [Fact]
    public async Task Close_WhoseDrainCannotReadTheQueue_ReturnsTheClose_AndThePassAssignsTheQueue()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(3);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        plan.Override = call => call.Operation == nameof(IConversationStore.ListQueuedAsync) ? FaultKind.Transient : null;

        var closed = await inbox.CloseAsync(first.ConversationId, "ana");

        closed.State.Should().Be(ConversationState.Closed);
        (await inbox.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);

        plan.Override = null;
        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedConversationsAssigned.Should().Be(1, "no queue waits while a member of its team has room, at worst until the next pass");
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.RunOfAsync(waiting.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task SetPresence_WhoseDrainFails_ReturnsTheStoredAgent_AndThePassAssignsTheQueue()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(3);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        var waiting = await inbox.ReceiveAsync("c1");
        plan.Override = call => call.Operation == nameof(IConversationStore.ListQueuedAsync) ? FaultKind.Transient : null;

        var online = await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);

        online.Presence.Should().Be(AgentPresence.Online);
        online.OpenConversations.Should().Be(0);
        plan.Override = null;
        (await inbox.Engine.ProcessDueAsync()).QueuedConversationsAssigned.Should().Be(1);
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task Close_WhoseReleaseFails_ReturnsTheClose_AndThePassReleasesTheUnitOnceItIsOlderThanTheGrace()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(3);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), wrapAgents: inner => new FaultInjectingAgentDirectory(inner, plan));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        plan.Override = call => call.Operation == nameof(IAgentDirectory.ReleaseAsync) ? FaultKind.Transient : null;

        var closed = await inbox.CloseAsync(first.ConversationId, "ana");

        closed.State.Should().Be(ConversationState.Closed);
        (await inbox.LoadOfAsync("ana")).Should().Be(1, "the unit could not be given back");
        plan.Override = null;
        inbox.Clock.Advance(TimeSpan.FromSeconds(100));
        (await inbox.Engine.ProcessDueAsync()).LeftoverReservationsReleased.Should().Be(0, "the reservation is younger than the grace period (twice the run lease)");

        inbox.Clock.Advance(TimeSpan.FromSeconds(30));
        var pass = await inbox.Engine.ProcessDueAsync();

        pass.LeftoverReservationsReleased.Should().Be(1);
        pass.QueuedConversationsAssigned.Should().Be(1, "the pass drains after releasing");
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task Close_WhoseReleaseReplyIsLost_ReturnsTheClose_AndStillDrainsTheTeam()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(3);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), wrapAgents: inner => new FaultInjectingAgentDirectory(inner, plan));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        plan.Override = call => call.Operation == nameof(IAgentDirectory.ReleaseAsync) ? FaultKind.FailAfterCommit : null;

        await inbox.CloseAsync(first.ConversationId, "ana");

        plan.Override = null;
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"), "the release was kept; the team's queue drained anyway");
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        inbox.Clock.Advance(TimeSpan.FromMinutes(5));
        (await inbox.Engine.ProcessDueAsync()).LeftoverReservationsReleased.Should().Be(0, "nothing was left behind");
    }
}
