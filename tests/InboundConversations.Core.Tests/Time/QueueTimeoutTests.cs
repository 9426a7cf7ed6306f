using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Time;

/// <summary>
/// A queue timeout with its fallback (respond.io's timeout branch): armed when a conversation enters a team's queue, in
/// the same write; fired by <see cref="IConversationEngine.ProcessDueAsync"/> once due, through the ordinary changes;
/// never on a conversation assigned meanwhile.
/// </summary>
public sealed class QueueTimeoutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Enqueue_WithATeamTimeout_ArmsItAtQueuedAtPlusTheTimeout_InTheSameWrite()
    {
        using var inbox = Inbox(QueueTimeoutFallback.Unassign());

        var queued = await inbox.ConversationOfAsync(await inbox.ReceiveAsync("c1"));

        queued.State.Should().Be(ConversationState.Queued);
        queued.Timers.Should().ContainSingle().Which.Should().Be(
            new ConversationTimer(ConversationTimerKind.QueueTimeout, TestInbox.Start + Wait, TestInbox.Start));
    }

    [Fact]
    public async Task ProcessDue_BeforeTheTimeout_FiresNothing()
    {
        using var inbox = Inbox(QueueTimeoutFallback.Unassign());
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait - TimeSpan.FromSeconds(1));

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.TimersFired.Should().Be(0);
        (await inbox.ConversationOfAsync(queued)).State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task ProcessDue_TransferFallback_AssignsInTheOverflowTeamWhenAMemberHasRoom()
    {
        using var inbox = Inbox(QueueTimeoutFallback.TransferTo("overflow"));
        await inbox.AddAgentAsync("olga", capacity: 1, teams: "overflow");
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueueTimeoutsFired.Should().Be(1);
        var moved = await inbox.ConversationOfAsync(queued);
        moved.Should().Match<Conversation>(c => c.State == ConversationState.Assigned && c.Team == new TeamId("overflow") && c.Assignee == new AgentId("olga"));
        moved.Timers.Should().BeEmpty();
        (await inbox.LoadOfAsync("olga")).Should().Be(1);
        var timedOut = inbox.Events.OfType<ConversationQueueTimedOut>().Should().ContainSingle().Subject;
        timedOut.Should().Match<ConversationQueueTimedOut>(e =>
            e.Team == WorkflowInbox.Support && e.QueuedAt == TestInbox.Start && e.Action == QueueTimeoutAction.Transfer && e.Conversation == moved);
        inbox.Events.OfType<ConversationAssigned>().Should().ContainSingle(e => e.Conversation.Assignee == new AgentId("olga"));
    }

    [Fact]
    public async Task ProcessDue_TransferFallback_QueuesInTheOverflowTeamUnderItsOwnTimeout()
    {
        using var inbox = WorkflowInbox.Create(w => w
            .DefaultTeam("support")
            .QueueTimeout("support", Wait, QueueTimeoutFallback.TransferTo("overflow"))
            .QueueTimeout("overflow", TimeSpan.FromMinutes(30), QueueTimeoutFallback.Close("nobody-free")));
        await inbox.AddAgentAsync("away", presence: AgentPresence.Offline);
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait);

        await inbox.Engine.ProcessDueAsync();

        var overflow = await inbox.ConversationOfAsync(queued);
        overflow.State.Should().Be(ConversationState.Queued);
        overflow.Team.Should().Be(new TeamId("overflow"));
        overflow.Timers.Should().ContainSingle().Which.DueAt.Should().Be(TestInbox.Start + Wait + TimeSpan.FromMinutes(30));

        inbox.Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await inbox.Engine.ProcessDueAsync();

        second.QueueTimeoutsFired.Should().Be(1);
        var closed = await inbox.ConversationOfAsync(queued);
        closed.State.Should().Be(ConversationState.Closed);
        closed.Closure!.Category.Should().Be("nobody-free");
        closed.Closure.ClosedBy.Should().Be(Actor.System("queue-timeout"));
    }

    [Fact]
    public async Task ProcessDue_WorkflowWideTransfer_DoesNotApplyToTheOverflowTeamItself()
    {
        using var inbox = Inbox(QueueTimeoutFallback.TransferTo("overflow"));
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait);

        await inbox.Engine.ProcessDueAsync();

        var overflow = await inbox.ConversationOfAsync(queued);
        overflow.Team.Should().Be(new TeamId("overflow"));
        overflow.State.Should().Be(ConversationState.Queued);
        overflow.Timers.Should().BeEmpty("the overflow team has no timeout of its own, and the workflow-wide one would send it to itself");
    }

    [Fact]
    public async Task ProcessDue_UnassignFallback_MovesItToTheUnassignedInboxKeepingItsTeam()
    {
        using var inbox = Inbox(QueueTimeoutFallback.Unassign());
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueueTimeoutsFired.Should().Be(1);
        var unassigned = await inbox.ConversationOfAsync(queued);
        unassigned.Should().Match<Conversation>(c => c.State == ConversationState.Unassigned && c.Team == WorkflowInbox.Support && c.QueuedAt == null);
        unassigned.Timers.Should().BeEmpty();
        (await inbox.Roster.GetTeamQueueAsync(WorkflowInbox.Support)).Should().BeEmpty();
        inbox.Events.OfType<ConversationQueueTimedOut>().Should().ContainSingle(e => e.Action == QueueTimeoutAction.Unassign);
        (await inbox.RunOfAsync(queued.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed, "the run waited in the queue; it ends when the conversation leaves it");
    }

    [Fact]
    public async Task ProcessDue_CloseFallback_ClosesWithItsCategory()
    {
        using var inbox = Inbox(QueueTimeoutFallback.Close());
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait);

        await inbox.Engine.ProcessDueAsync();

        var closed = await inbox.ConversationOfAsync(queued);
        closed.State.Should().Be(ConversationState.Closed);
        closed.Closure.Should().Be(new ConversationClosure(Actor.System("queue-timeout"), TestInbox.Start + Wait, QueueTimeoutFallback.DefaultCloseCategory, null));
        inbox.Events.OfType<ConversationClosed>().Should().ContainSingle();
        inbox.Events.OfType<ConversationQueueTimedOut>().Should().ContainSingle(e => e.Action == QueueTimeoutAction.Close);
    }

    [Fact]
    public async Task ProcessDue_NotifyFallback_RaisesTheEventOnce_AndLeavesItQueuedWithoutAnotherTimeout()
    {
        using var inbox = Inbox(QueueTimeoutFallback.NotifyOnly());
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(Wait);

        var first = await inbox.Engine.ProcessDueAsync();
        inbox.Clock.Advance(Wait * 3);
        var second = await inbox.Engine.ProcessDueAsync();

        first.QueueTimeoutsFired.Should().Be(1);
        second.TimersFired.Should().Be(0);
        var still = await inbox.ConversationOfAsync(queued);
        still.State.Should().Be(ConversationState.Queued);
        still.QueuedAt.Should().Be(TestInbox.Start, "it keeps its place in the queue");
        still.Timers.Should().BeEmpty();
        inbox.Events.OfType<ConversationQueueTimedOut>().Should().ContainSingle(e => e.Action == QueueTimeoutAction.Notify);
    }

    [Fact]
    public async Task Assignment_BeforeTheTimeout_CancelsIt_AndTheConversationIsUntouched()
    {
        using var inbox = Inbox(QueueTimeoutFallback.Close());
        var queued = await inbox.ReceiveAsync("c1");
        await inbox.AddAgentAsync("ana", capacity: 1);
        var assigned = await inbox.ConversationOfAsync(queued);
        inbox.Clock.Advance(Wait * 2);

        var pass = await inbox.Engine.ProcessDueAsync();

        assigned.State.Should().Be(ConversationState.Assigned);
        assigned.Timers.Should().BeEmpty("leaving the queue cancels the timeout in the same write");
        pass.TimersFired.Should().Be(0);
        (await inbox.ConversationOfAsync(queued)).Should().Be(assigned);
    }

    [Fact]
    public async Task ProcessDue_ADueTimeoutOfAConversationAMemberHasRoomFor_AssignsItInsteadOfTimingItOut()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support").QueueTimeout(Wait, QueueTimeoutFallback.Close()), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        var queued = await inbox.ReceiveAsync("c1");
        store!.Before = call => call == nameof(InboundConversations.Storage.IConversationStore.ListQueuedAsync) ? throw new IOException("the drain after ana came online failed") : ValueTask.CompletedTask;
        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);
        store.Before = _ => ValueTask.CompletedTask;
        inbox.Clock.Advance(Wait);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedConversationsAssigned.Should().Be(1, "the pass drains the queues before it fires timers");
        pass.QueueTimeoutsFired.Should().Be(0);
        (await inbox.ConversationOfAsync(queued)).Should().Match<Conversation>(c => c.State == ConversationState.Assigned && c.Assignee == new AgentId("ana"));
    }

    [Fact]
    public async Task TeamTimeout_OverridesTheWorkflowWideOne()
    {
        using var inbox = WorkflowInbox.Create(w => w
            .DefaultTeam("support")
            .QueueTimeout(TimeSpan.FromHours(1), QueueTimeoutFallback.Close())
            .QueueTimeout("support", TimeSpan.FromMinutes(5), QueueTimeoutFallback.Unassign()));

        var queued = await inbox.ConversationOfAsync(await inbox.ReceiveAsync("c1"));

        queued.Timers.Find(ConversationTimerKind.QueueTimeout)!.DueAt.Should().Be(TestInbox.Start + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Requeue_InTheSameTeam_KeepsTheFirstArming()
    {
        using var inbox = Inbox(QueueTimeoutFallback.Unassign());
        var queued = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(TimeSpan.FromMinutes(4));

        await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = queued.ConversationId, ToTeam = WorkflowInbox.Support, TransferredBy = Actor.Api() });

        var still = await inbox.ConversationOfAsync(queued);
        still.Timers.Find(ConversationTimerKind.QueueTimeout)!.DueAt.Should().Be(TestInbox.Start + Wait, "the wait counts from when it entered the team's queue");
    }

    [Fact]
    public async Task ProcessDue_WithoutAWorkflow_HasNoQueueTimeouts()
    {
        using var inbox = new TestInbox();
        await inbox.Roster.RegisterAgentAsync(new AgentRegistration { Agent = new AgentId("away"), Teams = [WorkflowInbox.Support], Capacity = 1, InitialPresence = AgentPresence.Offline });
        var open = await inbox.ReceiveAsync("c1");

        var queued = await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = open.ConversationId, ToTeam = WorkflowInbox.Support, TransferredBy = Actor.Api() });

        queued.State.Should().Be(ConversationState.Queued);
        queued.Timers.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7 * 24 * 60 + 1)]
    public void QueueTimeout_OutsideAboveZeroToSevenDays_ThrowsAtTheCall(int minutes)
    {
        var builder = Builder();

        var act = () => builder.QueueTimeout(TimeSpan.FromMinutes(minutes), QueueTimeoutFallback.Unassign());

        act.Should().Throw<ArgumentException>().WithMessage("AddInboundWorkflow: QueueTimeout(after, then): the queue timeout must be above zero and at most 7 days*")
            .Which.ParamName.Should().Be("after");
    }

    [Fact]
    public void QueueTimeout_OfSevenDays_IsAccepted()
    {
        var act = () => Builder().QueueTimeout("support", TimeSpan.FromDays(7), QueueTimeoutFallback.Unassign());

        act.Should().NotThrow();
    }

    [Fact]
    public void QueueTimeout_TransferringATeamToItself_Throws()
    {
        var act = () => Builder().QueueTimeout("support", Wait, QueueTimeoutFallback.TransferTo("support"));

        act.Should().Throw<ArgumentException>().WithMessage("*transfers team support's conversations to support itself*").Which.ParamName.Should().Be("then");
    }

    [Fact]
    public void QueueTimeout_WithoutAFallback_ThrowsArgumentNull()
    {
        var act = () => Builder().QueueTimeout(Wait, null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("then");
    }

    [Fact]
    public void QueueTimeout_ForAnInvalidTeam_Throws()
    {
        var act = () => Builder().QueueTimeout(" ", Wait, QueueTimeoutFallback.Unassign());

        act.Should().Throw<ArgumentException>().WithMessage("AddInboundWorkflow: QueueTimeout(team, after, then)*").Which.ParamName.Should().Be("team");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void TransferTo_AnInvalidTeam_Throws(string? team)
    {
        var act = () => QueueTimeoutFallback.TransferTo(team!);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("team");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void Close_WithACategoryOutsideOneTo128Characters_Throws(int length)
    {
        var act = () => QueueTimeoutFallback.Close(new string('x', length));

        act.Should().Throw<ArgumentException>().WithMessage("QueueTimeoutFallback.Close(category): the category must be 1 to 128 characters*");
    }

    [Fact]
    public void Fallbacks_SayWhatTheyDo()
    {
        QueueTimeoutFallback.TransferTo("overflow").Should().Match<QueueTimeoutFallback>(f => f.Action == QueueTimeoutAction.Transfer && f.Team == new TeamId("overflow") && f.Category == null);
        QueueTimeoutFallback.Unassign().Should().Match<QueueTimeoutFallback>(f => f.Action == QueueTimeoutAction.Unassign && f.Team == null);
        QueueTimeoutFallback.Close("late").Should().Match<QueueTimeoutFallback>(f => f.Action == QueueTimeoutAction.Close && f.Category == "late");
        QueueTimeoutFallback.NotifyOnly().Action.Should().Be(QueueTimeoutAction.Notify);
        QueueTimeoutFallback.TransferTo("overflow").ToString().Should().Be("transfer to overflow");
        QueueTimeoutFallback.Close("late").ToString().Should().Be("close as late");
        QueueTimeoutFallback.NotifyOnly().ToString().Should().Be("notify");
    }

    /// <summary>A workflow routing to support, whose only agent is offline, with a ten-minute queue timeout.</summary>
    private static TestInbox Inbox(QueueTimeoutFallback then)
    {
        var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").QueueTimeout(Wait, then));
        inbox.AddAgentAsync("away", presence: AgentPresence.Offline).GetAwaiter().GetResult();
        return inbox;
    }

    private static InboundWorkflowBuilder Builder()
    {
        InboundWorkflowBuilder? captured = null;
        using var inbox = WorkflowInbox.Create(w => captured = w.DefaultTeam("support"));
        return captured!;
    }
}
