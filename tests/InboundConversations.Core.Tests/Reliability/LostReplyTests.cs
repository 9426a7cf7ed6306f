using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Reliability;

/// <summary>A store write that fails, before or after its commit, leaves no agent capacity behind.</summary>
public sealed class LostReplyTests
{
    [Fact]
    public async Task Close_WhoseReplyIsLostAfterTheCommit_StillGivesTheAgentBack()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(1);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync();
        (await inbox.LoadOfAsync("ana")).Should().Be(1);

        plan.Override = call => call.Operation == "UpdateAsync" ? FaultKind.FailAfterCommit : null;
        var closed = await inbox.CloseAsync(received.ConversationId);

        closed.State.Should().Be(ConversationState.Closed, "the store kept the close; only its reply was lost");
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Theory]
    [InlineData("UpdateAsync")]
    [InlineData("UpdateWorkflowRunAsync")]
    public async Task Assignment_WhoseWriteFailsBeforeTheCommit_GivesTheReservationBack_AndTheResumedRunAssignsOnce(string failing)
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(1);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        await inbox.AddAgentAsync("ana");
        var reserved = false;
        plan.Override = call => call.Operation == failing && reserved ? FaultKind.Transient : null;
        var assigner = new StubAssigner(async (c, ct) =>
        {
            var agent = await c.ReserveAsync(AgentSelection.LeastOpen, ct);
            reserved = true;
            return agent is null ? AssignmentDecision.NoAgentAvailable : AssignmentDecision.AssignedTo(agent);
        });
        using var crashing = stores.StartEngine(w => w.DefaultTeam("support").AssignBy(assigner), inner => new FaultInjectingConversationStore(inner, plan));

        var received = await crashing.ReceiveAsync();

        (await inbox.LoadOfAsync("ana")).Should().Be(0, "the conversation was not assigned");
        plan.Override = null;
        crashing.Clock.Advance(TimeSpan.FromMinutes(2));
        inbox.Clock.Advance(TimeSpan.FromMinutes(2));
        (await inbox.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);
        (await inbox.ConversationOfAsync(received)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task QueuedRun_WhoseCompletionWriteFails_IsEndedByTheNextResume()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(1);
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        var received = await inbox.ReceiveAsync();
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued);

        plan.Override = call => call.Operation == "UpdateWorkflowRunAsync" ? FaultKind.Transient : null;
        var online = await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);
        online.Presence.Should().Be(AgentPresence.Online, "the presence change is stored: its follow-ups never fail the call");
        online.OpenConversations.Should().Be(1, "the call returns the agent as stored after the drain");
        (await inbox.ConversationOfAsync(received)).Assignee.Should().Be(new AgentId("ana"), "the queue assigned it before the run's write failed");
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued);

        plan.Override = null;
        var pass = await inbox.Engine.ProcessDueAsync();
        pass.RunsResumed.Should().Be(0, "nothing was interrupted");
        pass.QueuedRunsEnded.Should().Be(1, "the queued run is only ended");

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Agent.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }
}
