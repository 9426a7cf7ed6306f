using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Workflow;

/// <summary>Manual assign, unassign and transfer: bad input changes nothing; capacity is never exceeded or leaked.</summary>
public sealed class ManualAssignmentTests
{
    private static readonly Actor Supervisor = Actor.Agent(new AgentId("supervisor"));

    private static TestInbox Inbox() => WorkflowInbox.Create(w => w.DefaultTeam("support"));

    private static AssignConversationRequest Assign(ConversationId id, string agent) =>
        new() { ConversationId = id, Agent = new AgentId(agent), AssignedBy = Supervisor };

    [Fact]
    public async Task Assign_ToAQueuedConversation_AssignsItAndEndsTheRun()
    {
        using var inbox = Inbox();
        var received = await inbox.ReceiveAsync();
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Away);

        var assigned = await inbox.Engine.AssignAsync(Assign(received.ConversationId, "ana"));

        assigned.State.Should().Be(ConversationState.Assigned);
        assigned.Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
        inbox.Events.OfType<ConversationAssigned>().Single().AssignedBy.Should().Be(Supervisor);
    }

    [Fact]
    public async Task Assign_ToAnAgentOutsideTheTeam_ThrowsAndChangesNothing()
    {
        using var inbox = Inbox();
        var received = await inbox.ReceiveAsync();
        await inbox.AddAgentAsync("bob", teams: "billing");
        var before = await inbox.ConversationOfAsync(received);

        var act = () => inbox.Engine.AssignAsync(Assign(received.ConversationId, "bob")).AsTask();

        (await act.Should().ThrowAsync<AgentNotInTeamException>()).Which.Team.Should().Be(WorkflowInbox.Support);
        (await inbox.ConversationOfAsync(received)).Should().Be(before);
        (await inbox.LoadOfAsync("bob")).Should().Be(0);
    }

    [Fact]
    public async Task Assign_ToAnOfflineAgent_ThrowsAgentUnavailableAndChangesNothing()
    {
        using var inbox = Inbox();
        var received = await inbox.ReceiveAsync();
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        var before = await inbox.ConversationOfAsync(received);

        var act = () => inbox.Engine.AssignAsync(Assign(received.ConversationId, "ana")).AsTask();

        (await act.Should().ThrowAsync<AgentUnavailableException>()).Which.Presence.Should().Be(AgentPresence.Offline);
        (await inbox.ConversationOfAsync(received)).Should().Be(before);
    }

    [Fact]
    public async Task Assign_ToAnAgentAtCapacity_ThrowsAgentUnavailableAndChangesNothing()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana", capacity: 1);
        await inbox.ReceiveAsync("first");
        var queued = await inbox.ReceiveAsync("second");
        var before = await inbox.ConversationOfAsync(queued);

        var act = () => inbox.Engine.AssignAsync(Assign(queued.ConversationId, "ana")).AsTask();

        await act.Should().ThrowAsync<AgentUnavailableException>();
        (await inbox.ConversationOfAsync(queued)).Should().Be(before);
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task Assign_AnUnknownAgentOrAClosedConversation_ThrowsTheSpecificException()
    {
        using var inbox = Inbox();
        var received = await inbox.ReceiveAsync();

        await FluentActions.Awaiting(() => inbox.Engine.AssignAsync(Assign(received.ConversationId, "nobody")).AsTask())
            .Should().ThrowAsync<AgentNotFoundException>();
        await inbox.CloseAsync(received.ConversationId);
        await inbox.AddAgentAsync("ana");
        await FluentActions.Awaiting(() => inbox.Engine.AssignAsync(Assign(received.ConversationId, "ana")).AsTask())
            .Should().ThrowAsync<ConversationClosedException>();
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task Unassign_GivesTheCapacityBackAndTheQueueMoves()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("first");
        var waiting = await inbox.ReceiveAsync("second");

        var unassigned = await inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = first.ConversationId, UnassignedBy = Supervisor });

        unassigned.State.Should().Be(ConversationState.Unassigned);
        unassigned.Assignee.Should().BeNull();
        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        inbox.Events.OfType<ConversationUnassigned>().Single().PreviousAssignee.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task Unassign_AnUnassignedConversation_ThrowsInvalidTransition()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(InboundConversations.Workflow.AgentAssigners.None));
        var received = await inbox.ReceiveAsync();

        var act = () => inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = received.ConversationId, UnassignedBy = Supervisor }).AsTask();

        await act.Should().ThrowAsync<InvalidConversationTransitionException>();
    }

    [Fact]
    public async Task TransferToTeam_OfAnUnassignedConversation_WhenTheAssignerAssignsNobody_IsARefusedTransitionNotAClosedConversation()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(InboundConversations.Workflow.AgentAssigners.None));
        var received = await inbox.ReceiveAsync();
        var before = await inbox.ConversationOfAsync(received);

        var act = () => inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = received.ConversationId, ToTeam = new TeamId("billing"), TransferredBy = Supervisor }).AsTask();

        var refused = (await act.Should().ThrowAsync<InvalidConversationTransitionException>()).Which;
        refused.State.Should().Be(ConversationState.Unassigned);
        refused.Trigger.Should().Be(ConversationTrigger.Unassign);
        (await inbox.ConversationOfAsync(received)).Should().Be(before, "nothing was stored");
    }

    [Fact]
    public async Task TransferToTeam_ReleasesThePreviousAgentAndAssignsInTheNewTeam()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bill", teams: "billing");
        var received = await inbox.ReceiveAsync();

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = received.ConversationId,
            ToTeam = new TeamId("billing"),
            TransferredBy = Supervisor,
        });

        transferred.Team.Should().Be(new TeamId("billing"));
        transferred.Assignee.Should().Be(new AgentId("bill"));
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        (await inbox.LoadOfAsync("bill")).Should().Be(1);
    }

    [Fact]
    public async Task TransferToTeam_WithNobodyAvailable_QueuesItThere()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync();

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = received.ConversationId,
            ToTeam = new TeamId("billing"),
            TransferredBy = Supervisor,
        });

        transferred.State.Should().Be(ConversationState.Queued);
        (await inbox.Roster.GetTeamQueueAsync(new TeamId("billing"))).Select(c => c.Id).Should().Equal(received.ConversationId);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task TransferToItsOwnTeam_OfAQueuedConversation_KeepsItsPlaceAndTheTimeItWasQueued()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        var first = await inbox.ReceiveAsync("contact-1");
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await inbox.ReceiveAsync("contact-2");
        var queuedAt = (await inbox.ConversationOfAsync(first)).QueuedAt;
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = first.ConversationId, ToTeam = new TeamId("support"), TransferredBy = Supervisor });

        transferred.State.Should().Be(ConversationState.Queued);
        transferred.QueuedAt.Should().Be(queuedAt, "the queue's order and its times agree");
        inbox.Events.OfType<ConversationQueued>().Last().Conversation.QueuedAt.Should().Be(queuedAt);
        (await inbox.Roster.GetTeamQueueAsync(new TeamId("support"))).Select(c => c.Id).Should().Equal(first.ConversationId, second.ConversationId);
    }

    [Fact]
    public async Task Assign_AnAssignedConversationToAnotherAgent_MovesIt_AndAssigningItToItsAgentChangesNothing()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob", presence: AgentPresence.Away);
        var received = await inbox.ReceiveAsync();
        var before = await inbox.ConversationOfAsync(received);

        var same = await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = received.ConversationId, Agent = new AgentId("ana"), AssignedBy = Supervisor });
        var moved = await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = received.ConversationId, Agent = new AgentId("bob"), AssignedBy = Supervisor });

        same.Should().Be(before, "assigning a conversation to the agent who has it stores nothing");
        moved.Assignee.Should().Be(new AgentId("bob"));
        moved.Version.Should().Be(before.Version + 1);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        (await inbox.LoadOfAsync("bob")).Should().Be(1);
        inbox.Events.OfType<ConversationAssigned>().Last().Conversation.Assignee.Should().Be(new AgentId("bob"));
    }

    [Fact]
    public async Task TransferToAgent_MovesItToThatAgent()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync();
        await inbox.AddAgentAsync("bob");

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = received.ConversationId,
            ToAgent = new AgentId("bob"),
            TransferredBy = Supervisor,
        });

        transferred.Assignee.Should().Be(new AgentId("bob"));
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        (await inbox.LoadOfAsync("bob")).Should().Be(1);
    }

    [Fact]
    public async Task Transfer_NamingNeitherTeamNorAgent_ThrowsInvalidRequest()
    {
        using var inbox = Inbox();
        var received = await inbox.ReceiveAsync();

        var act = () => inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = received.ConversationId, TransferredBy = Supervisor }).AsTask();

        await act.Should().ThrowAsync<InvalidRequestException>();
    }

    [Fact]
    public async Task Close_OfAnAssignedConversation_GivesTheCapacityBackAndTheQueueMoves()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("first");
        var waiting = await inbox.ReceiveAsync("second");

        await inbox.CloseAsync(first.ConversationId);

        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task Close_OfAQueuedConversation_LeavesTheQueueAndEndsTheRun()
    {
        using var inbox = Inbox();
        var received = await inbox.ReceiveAsync();

        await inbox.CloseAsync(received.ConversationId);

        (await inbox.Roster.GetTeamQueueAsync(WorkflowInbox.Support)).Should().BeEmpty();
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task TransferToTheSameTeam_PickingTheSameAgentAgain_CountsTheConversationOnce()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("ana", capacity: 3);
        var received = await inbox.ReceiveAsync();

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = received.ConversationId,
            ToTeam = WorkflowInbox.Support,
            TransferredBy = Supervisor,
        });

        transferred.Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }
}
