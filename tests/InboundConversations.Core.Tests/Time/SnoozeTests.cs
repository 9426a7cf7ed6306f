using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Time;

/// <summary>
/// Snooze: an Assigned or Unassigned conversation parked until a time or the contact's next message, whichever comes
/// first; it keeps its team, agent and the agent's seat. Bad input changes nothing.
/// </summary>
public sealed class SnoozeTests
{
    private static readonly TimeSpan For = TimeSpan.FromHours(4);

    [Fact]
    public async Task Snooze_OfAnAssignedConversation_KeepsTeamAndAgent_ArmsItsEnd_AndRaisesTheEvent()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana", capacity: 2);
        var assigned = await inbox.ConversationOfAsync(await inbox.ReceiveAsync("c1"));

        var snoozed = await inbox.Engine.SnoozeAsync(Request(assigned.Id, TestInbox.Start + For, Actor.Agent(new AgentId("ana"))));

        snoozed.Should().Match<Conversation>(c => c.State == ConversationState.Snoozed && c.Team == WorkflowInbox.Support && c.Assignee == new AgentId("ana"));
        snoozed.SnoozedUntil.Should().Be(TestInbox.Start + For);
        snoozed.Timers.Should().ContainSingle().Which.Should().Be(new ConversationTimer(ConversationTimerKind.SnoozeEnd, TestInbox.Start + For, TestInbox.Start));
        inbox.Events.OfType<ConversationSnoozed>().Should().ContainSingle().Which.Should().Match<ConversationSnoozed>(e =>
            e.Until == TestInbox.Start + For && e.SnoozedBy == Actor.Agent(new AgentId("ana")) && e.Conversation == snoozed);
    }

    [Fact]
    public async Task Snooze_KeepsTheAgentsSeat_SoTheAgentTakesNoMoreThanTheirCapacity()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(Request(first.ConversationId, TestInbox.Start + For));

        var second = await inbox.ConversationOfAsync(await inbox.ReceiveAsync("c2"));

        (await inbox.LoadOfAsync("ana")).Should().Be(1, "a snoozed conversation wakes back to its agent at any moment: it keeps its seat");
        second.State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task ProcessDue_AtTheSnoozesEnd_WakesItBackToItsAgent()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        var open = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For));
        inbox.Clock.Advance(For - TimeSpan.FromSeconds(1));
        var early = await inbox.Engine.ProcessDueAsync();
        inbox.Clock.Advance(TimeSpan.FromSeconds(1));

        var pass = await inbox.Engine.ProcessDueAsync();

        early.SnoozesEnded.Should().Be(0);
        pass.SnoozesEnded.Should().Be(1);
        var woke = await inbox.ConversationOfAsync(open);
        woke.Should().Match<Conversation>(c => c.State == ConversationState.Assigned && c.Assignee == new AgentId("ana") && c.Timers.Count == 0);
        inbox.Events.OfType<ConversationWoke>().Should().ContainSingle().Which.Should().Match<ConversationWoke>(e =>
            e.Reason == WakeReason.SnoozeEnded && e.OccurredAt == TestInbox.Start + For && e.Conversation == woke);
    }

    [Fact]
    public async Task ContactMessage_BeforeTheEnd_WakesIt_AndCancelsTheEnd()
    {
        using var inbox = new TestInbox();
        var open = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For));
        inbox.Clock.Advance(TimeSpan.FromMinutes(5));

        var reply = await inbox.ReceiveAsync("c1", content: "any news?");
        inbox.Clock.Advance(For);
        var pass = await inbox.Engine.ProcessDueAsync();

        reply.Outcome.Should().Be(ReceiveOutcome.Appended);
        reply.ConversationId.Should().Be(open.ConversationId);
        var woke = await inbox.Engine.GetConversationAsync(open.ConversationId);
        woke.State.Should().Be(ConversationState.Unassigned, "it had no agent");
        woke.Timers.Should().BeEmpty();
        inbox.Events.OfType<ConversationWoke>().Should().ContainSingle().Which.Reason.Should().Be(WakeReason.ContactMessage);
        pass.TimersFired.Should().Be(0);
    }

    [Fact]
    public async Task ContactMessage_ThatIsARedelivery_DoesNotWakeIt()
    {
        using var inbox = new TestInbox();
        var open = await inbox.ReceiveAsync("c1", externalId: "m1");
        await inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For));

        var again = await inbox.ReceiveAsync("c1", externalId: "m1");

        again.IsDuplicate.Should().BeTrue();
        (await inbox.Engine.GetConversationAsync(open.ConversationId)).State.Should().Be(ConversationState.Snoozed);
    }

    [Theory]
    [InlineData("close")]
    [InlineData("assign")]
    [InlineData("unassign")]
    [InlineData("transfer")]
    public async Task PersonsChange_WhileSnoozed_EndsTheSnooze_AndCancelsItsEnd(string change)
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob");
        var open = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For));
        var by = Actor.Api();
        var id = open.ConversationId;

        var after = change switch
        {
            "close" => await inbox.Engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = by }),
            "assign" => await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = id, Agent = new AgentId("bob"), AssignedBy = by }),
            "unassign" => await inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = id, UnassignedBy = by }),
            _ => await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = WorkflowInbox.Support, TransferredBy = by }),
        };
        inbox.Clock.Advance(For);
        var pass = await inbox.Engine.ProcessDueAsync();

        after.State.Should().NotBe(ConversationState.Snoozed);
        after.Timers.Find(ConversationTimerKind.SnoozeEnd).Should().BeNull();
        pass.SnoozesEnded.Should().Be(0);
        inbox.Events.OfType<ConversationWoke>().Should().BeEmpty();
    }

    [Fact]
    public async Task Snooze_ThenClose_GivesTheAgentsSeatBack()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        var open = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For));

        await inbox.CloseAsync(open.ConversationId, "ana");

        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public async Task Snooze_UntilNowOrInThePast_ThrowsInvalidRequest_AndStoresNothing(int seconds)
    {
        using var inbox = new TestInbox();
        var open = await inbox.Engine.GetConversationAsync((await inbox.ReceiveAsync("c1")).ConversationId);

        var act = () => inbox.Engine.SnoozeAsync(Request(open.Id, TestInbox.Start + TimeSpan.FromSeconds(seconds))).AsTask();

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Should().Match<InvalidRequestException>(e => e.Field == "Until" && e.Message.Contains("not later than now"));
        (await inbox.Engine.GetConversationAsync(open.Id)).Should().Be(open);
    }

    [Fact]
    public async Task Snooze_BeyondMaxSnooze_ThrowsInvalidRequest_AndStoresNothing()
    {
        using var inbox = new TestInbox(o => o.MaxSnooze = TimeSpan.FromDays(2));
        var open = await inbox.Engine.GetConversationAsync((await inbox.ReceiveAsync("c1")).ConversationId);

        var act = () => inbox.Engine.SnoozeAsync(Request(open.Id, TestInbox.Start + TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1))).AsTask();
        var atTheLimit = await inbox.Engine.SnoozeAsync(Request(open.Id, TestInbox.Start + TimeSpan.FromDays(2)));

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Message.Should().Contain("MaxSnooze");
        atTheLimit.State.Should().Be(ConversationState.Snoozed);
    }

    [Fact]
    public async Task Snooze_OfAClosedConversation_ThrowsConversationClosed()
    {
        using var inbox = new TestInbox();
        var open = await inbox.ReceiveAsync("c1");
        var closed = await inbox.CloseAsync(open.ConversationId);

        var act = () => inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For)).AsTask();

        await act.Should().ThrowAsync<ConversationClosedException>();
        (await inbox.Engine.GetConversationAsync(open.ConversationId)).Should().Be(closed);
    }

    [Fact]
    public async Task Snooze_ByTheContact_ThrowsInvalidActor_AndStoresNothing()
    {
        using var inbox = new TestInbox();
        var open = await inbox.Engine.GetConversationAsync((await inbox.ReceiveAsync("c1")).ConversationId);

        var act = () => inbox.Engine.SnoozeAsync(Request(open.Id, TestInbox.Start + For, Actor.Contact(open.Contact))).AsTask();
        var missing = () => inbox.Engine.SnoozeAsync(Request(open.Id, TestInbox.Start + For, default(Actor))).AsTask();

        await act.Should().ThrowAsync<InvalidActorException>();
        await missing.Should().ThrowAsync<InvalidActorException>();
        (await inbox.Engine.GetConversationAsync(open.Id)).Should().Be(open);
    }

    [Fact]
    public async Task Snooze_OfAQueuedConversation_ThrowsInvalidTransition_AndStoresNothing()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("away", presence: AgentPresence.Offline);
        var queued = await inbox.ConversationOfAsync(await inbox.ReceiveAsync("c1"));

        var act = () => inbox.Engine.SnoozeAsync(Request(queued.Id, TestInbox.Start + For)).AsTask();

        (await act.Should().ThrowAsync<InvalidConversationTransitionException>()).Which.Should().Match<InvalidConversationTransitionException>(e =>
            e.State == ConversationState.Queued && e.Trigger == ConversationTrigger.Snooze);
        (await inbox.Engine.GetConversationAsync(queued.Id)).Should().Be(queued);
    }

    [Fact]
    public async Task Snooze_Twice_ThrowsInvalidTransition()
    {
        using var inbox = new TestInbox();
        var open = await inbox.ReceiveAsync("c1");
        var snoozed = await inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For));

        var act = () => inbox.Engine.SnoozeAsync(Request(open.ConversationId, TestInbox.Start + For * 2)).AsTask();

        await act.Should().ThrowAsync<InvalidConversationTransitionException>();
        (await inbox.Engine.GetConversationAsync(open.ConversationId)).Should().Be(snoozed);
    }

    [Fact]
    public async Task Snooze_OfAnUnknownConversation_ThrowsNotFound()
    {
        using var inbox = new TestInbox();

        var act = () => inbox.Engine.SnoozeAsync(Request(ConversationId.New(TestInbox.Start), TestInbox.Start + For)).AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task Snooze_WithoutAConversationId_ThrowsInvalidIdentifier()
    {
        using var inbox = new TestInbox();

        var act = () => inbox.Engine.SnoozeAsync(Request(default, TestInbox.Start + For)).AsTask();
        var none = () => inbox.Engine.SnoozeAsync(null!).AsTask();

        await act.Should().ThrowAsync<InvalidIdentifierException>();
        await none.Should().ThrowAsync<ArgumentNullException>();
    }

    private static SnoozeConversationRequest Request(ConversationId id, DateTimeOffset until, Actor? by = null) =>
        new() { ConversationId = id, Until = until, SnoozedBy = by ?? Actor.Api() };
}
