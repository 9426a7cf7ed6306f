using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// How a decision is stored: the team it keeps or takes, when it entered its queue, how a queued run ends, what a
/// lost agent's release logs, and how an assignment written over a version stored meanwhile takes its agent again.
/// </summary>
public sealed class AssignmentApplyTests
{
    private static readonly Actor Lead = Actor.Agent(new AgentId("lead"));

    [Fact]
    public async Task Unassign_KeepsTheConversationInItsTeam()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync();

        var unassigned = await inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = received.ConversationId, UnassignedBy = Lead });

        unassigned.State.Should().Be(ConversationState.Unassigned);
        unassigned.Team.Should().Be(WorkflowInbox.Support);
        unassigned.Assignee.Should().BeNull();
        unassigned.QueuedAt.Should().BeNull();
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task Transfer_ToATeam_WhoseAssignerLeavesItUnassigned_PutsItInThatTeam()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(AgentAssigners.None));
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync();
        await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = received.ConversationId, Agent = new AgentId("ana"), AssignedBy = Lead });

        var moved = await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = received.ConversationId, ToTeam = new TeamId("billing"), TransferredBy = Lead });

        moved.State.Should().Be(ConversationState.Unassigned);
        moved.Team.Should().Be(new TeamId("billing"));
        moved.Assignee.Should().BeNull();
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task Transfer_OfAQueuedConversation_ToAnotherTeam_QueuesItThereFromTheTransfer()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        var received = await inbox.ReceiveAsync();
        (await inbox.ConversationOfAsync(received)).QueuedAt.Should().Be(TestInbox.Start);
        inbox.Clock.Advance(TimeSpan.FromMinutes(7));

        var moved = await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = received.ConversationId, ToTeam = new TeamId("billing"), TransferredBy = Lead });

        moved.State.Should().Be(ConversationState.Queued);
        moved.Team.Should().Be(new TeamId("billing"));
        moved.QueuedAt.Should().Be(TestInbox.Start.AddMinutes(7), "it waits in billing's queue from the transfer on");
    }

    [Fact]
    public async Task Transfer_OfAQueuedConversation_ToItsOwnTeam_KeepsItsPlaceInTheQueue()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        var received = await inbox.ReceiveAsync();
        inbox.Clock.Advance(TimeSpan.FromMinutes(7));

        var moved = await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = received.ConversationId, ToTeam = WorkflowInbox.Support, TransferredBy = Lead });

        moved.State.Should().Be(ConversationState.Queued);
        moved.QueuedAt.Should().Be(TestInbox.Start);
    }

    [Fact]
    public async Task QueuedRun_EndedByATransferToAnotherTeamsAgent_RecordsTheirTeamAndAgent_AndLogsTheEnd()
    {
        using var inbox = new TestInbox(build: b => Microsoft.Extensions.DependencyInjection.InboundWorkflowServiceCollectionExtensions.AddInboundWorkflow(b, w => w.DefaultTeam("support")), services: FakeLogging.Add);
        await inbox.AddAgentAsync("bob", teams: "billing");
        var received = await inbox.ReceiveAsync();
        inbox.Clock.Advance(TimeSpan.FromMinutes(4));

        await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = received.ConversationId, ToAgent = new AgentId("bob"), ToTeam = new TeamId("billing"), TransferredBy = Lead,
        });

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Team.Should().Be(new TeamId("billing"));
        run.Agent.Should().Be(new AgentId("bob"));
        run.EndedAt.Should().Be(TestInbox.Start.AddMinutes(4));
        inbox.Messages(9).Should().Equal(
            $"Workflow run of conversation {received.ConversationId} ended Queued (team support, agent (null))",
            $"Workflow run of conversation {received.ConversationId} ended Completed (team billing, agent bob)");
    }

    [Fact]
    public async Task QueuedRun_WhoseEndConflictsThreeTimes_IsLeftQueuedAfterThreeTries()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        var tries = 0;
        store!.Throws = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync) && ++tries <= 3 ? new ConcurrencyConflictException(waiting.ConversationId, 1) : null;

        await inbox.CloseAsync(first.ConversationId, "ana");

        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        tries.Should().Be(3, "the end is tried three times, then left to the background pass");
        (await inbox.RunOfAsync(waiting.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued);
    }

    [Fact]
    public async Task Close_OfAConversationWhoseAgentIsGoneFromTheDirectory_LogsNoFailure()
    {
        var stores = new SharedStores();
        ConversationId id;
        using (var first = stores.StartEngine(w => w.DefaultTeam("support")))
        {
            await first.AddAgentAsync("ana");
            id = (await first.ReceiveAsync()).ConversationId;
        }

        using var other = stores.StartLoggedEngine(w => w.DefaultTeam("support"), wrapAgents: _ => new InMemoryAgentDirectory());

        var closed = await other.CloseAsync(id, "ana");

        closed.State.Should().Be(ConversationState.Closed);
        other.Logs().Should().NotContain(r => r.Level >= LogLevel.Warning, "an agent unknown to the directory holds no unit to give back");
    }

    [Fact]
    public async Task Close_WhoseReleaseFails_LogsTheFailedFollowUp()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(5);
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), wrapAgents: inner => new FaultInjectingAgentDirectory(inner, plan));
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync();
        plan.Override = call => call.Operation == nameof(IAgentDirectory.ReleaseAsync) ? FaultKind.Transient : null;

        await inbox.CloseAsync(received.ConversationId, "ana");

        var failed = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 14).Which;
        failed.Level.Should().Be(LogLevel.Warning);
        failed.Message.Should().Be(
            $"Follow-up release of the stored change to conversation {received.ConversationId} failed ({nameof(InjectedFaultException)}); the call returns the stored change and the background pass catches up");
    }

    [Fact]
    public async Task ManualAssign_MeetingAChangeStoredMeanwhile_ReservesTheAgentAgainForTheVersionItWritesOver()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support").AssignBy(AgentAssigners.None), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Away);
        var id = (await inbox.ReceiveAsync()).ConversationId;
        var before = await inbox.Engine.GetConversationAsync(id);
        var touched = 0;
        store!.Throws = call =>
        {
            if (call == nameof(IConversationStore.UpdateAsync) && touched++ == 0)
            {
                stores.Touch(id); // another process stores a change just before this write
            }

            return null;
        };

        var assigned = await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = id, Agent = new AgentId("ana"), AssignedBy = Lead });

        assigned.Assignee.Should().Be(new AgentId("ana"), "an away agent may be assigned by hand, and is reserved again for the version stored meanwhile");
        assigned.Version.Should().Be(before.Version + 2);
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        var reservation = (await stores.Agents.ListReservationsAsync(DateTimeOffset.MaxValue, null, 10, CancellationToken.None)).Should().ContainSingle().Which;
        reservation.ConversationVersion.Should().Be(before.Version + 1, "the reservation is held for the version the assignment was written over");
    }

    [Fact]
    public async Task ManualAssign_MeetingAChangeStoredMeanwhile_WhenTheAgentWentOffline_FailsAndGivesTheUnitBack()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support").AssignBy(AgentAssigners.None), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana");
        var id = (await inbox.ReceiveAsync()).ConversationId;
        var touched = 0;
        store!.Throws = call =>
        {
            if (call == nameof(IConversationStore.UpdateAsync) && touched++ == 0)
            {
                stores.Touch(id);
                stores.Agents.SetPresenceAsync(default, new AgentId("ana"), AgentPresence.Offline, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            return null;
        };

        var assign = async () => await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = id, Agent = new AgentId("ana"), AssignedBy = Lead });

        await assign.Should().ThrowExactlyAsync<AgentUnavailableException>();
        var conversation = await inbox.Engine.GetConversationAsync(id);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Assignee.Should().BeNull();
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task Drain_MeetingAChangeStoredMeanwhile_WhenTheAgentWentOffline_LeavesTheConversationQueuedWithoutAFailure()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        var id = (await inbox.ReceiveAsync()).ConversationId;
        var touched = 0;
        store!.Throws = call =>
        {
            if (call == nameof(IConversationStore.UpdateAsync) && touched++ == 0)
            {
                stores.Touch(id);
                stores.Agents.SetPresenceAsync(default, new AgentId("ana"), AgentPresence.Offline, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            return null;
        };

        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online); // the drain picks her, then she goes offline

        var conversation = await inbox.Engine.GetConversationAsync(id);
        conversation.State.Should().Be(ConversationState.Queued);
        conversation.Assignee.Should().BeNull();
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        (await inbox.RunOfAsync(id)).Status.Should().Be(WorkflowRunStatus.Queued);
        inbox.Logs().Should().NotContain(r => r.Level >= LogLevel.Warning, "a drain's pick that can no longer be kept is dropped, not a failure");
    }

    [Fact]
    public async Task Run_WhoseAgentGoesOfflineAfterTheReservation_WithNoChangeStoredMeanwhile_StillAssignsThem()
    {
        TestInbox? inbox = null;
        var assigner = new StubAssigner(async (context, ct) =>
        {
            var decision = await AgentAssigners.LeastOpen().AssignAsync(context, ct);
            await inbox!.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline, cancellationToken: ct);
            return decision;
        });
        inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        using var _ = inbox;
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).Assignee.Should().Be(new AgentId("ana"), "her reservation was taken for the version the assignment is written over: it is not taken again");
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task Run_WhoseDrainAfterQueuingFails_LogsTheFollowUp_AndStaysQueued()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(11);
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => new FaultInjectingConversationStore(inner, plan));
        plan.Override = call => call.Operation == nameof(IConversationStore.ListQueuedAsync) ? FaultKind.Transient : null;

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Queued);
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Queued);
        inbox.Messages(14).Should().Equal(
            $"Follow-up drain of the stored change to conversation {received.ConversationId} failed ({nameof(InjectedFaultException)}); the call returns the stored change and the background pass catches up");
        inbox.Messages(10).Should().BeEmpty("the run itself went to its end");
    }

    [Fact]
    public async Task Run_MeetingAChangeStoredMeanwhile_WhenItsAgentWentOffline_QueuesTheConversation()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        var assigner = new RecordingAssigner(AgentAssigners.LeastOpen());
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support").AssignBy(assigner), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana");
        var armed = false;
        assigner.Before = _ => { armed = true; return ValueTask.CompletedTask; };
        store!.Throws = call =>
        {
            if (call == nameof(IConversationStore.UpdateAsync) && armed)
            {
                armed = false;
                var id = stores.Conversations.ListByContactAsync(default, new ContactId("contact-1"), CancellationToken.None).AsTask().GetAwaiter().GetResult().Single().Id;
                stores.Touch(id);
                stores.Agents.SetPresenceAsync(default, new AgentId("ana"), AgentPresence.Offline, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            return null;
        };

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.State.Should().Be(ConversationState.Queued, "the assigner's pick could not be kept: the conversation waits for an agent, never stays triaging");
        conversation.Team.Should().Be(WorkflowInbox.Support);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Queued);
        run.EndedAt.Should().BeNull();
    }
}
