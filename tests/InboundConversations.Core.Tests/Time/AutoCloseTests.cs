using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboundConversations.Tests.Time;

/// <summary>
/// Auto-close of inactive conversations (respond.io's rule): armed by each agent's message, cancelled by the contact's,
/// untouched by workflow, API and system messages, never on a snoozed conversation; the close frees the agent's seat.
/// </summary>
public sealed class AutoCloseTests
{
    private static readonly TimeSpan After = TimeSpan.FromHours(1);

    [Fact]
    public async Task AgentMessage_WithAutoCloseOff_ArmsNothing()
    {
        using var inbox = new TestInbox();
        var open = await inbox.ReceiveAsync("c1");

        await inbox.SendAsync(open.ConversationId);

        (await inbox.Engine.GetConversationAsync(open.ConversationId)).Timers.Should().BeEmpty();
    }

    [Fact]
    public async Task AgentMessage_ArmsTheAutoClose_AndTheNextOneReArmsIt()
    {
        using var inbox = Inbox();
        var open = await inbox.ReceiveAsync("c1");

        await inbox.SendAsync(open.ConversationId);
        var armed = await inbox.Engine.GetConversationAsync(open.ConversationId);
        inbox.Clock.Advance(TimeSpan.FromMinutes(20));
        await inbox.SendAsync(open.ConversationId);
        var rearmed = await inbox.Engine.GetConversationAsync(open.ConversationId);

        armed.Timers.Should().ContainSingle().Which.Should().Be(new ConversationTimer(ConversationTimerKind.AutoClose, TestInbox.Start + After, TestInbox.Start));
        rearmed.Timers.Should().ContainSingle().Which.DueAt.Should().Be(TestInbox.Start + TimeSpan.FromMinutes(20) + After);
        rearmed.Version.Should().Be(armed.Version + 1, "the arming is written with the message");
    }

    [Fact]
    public async Task ContactMessage_CancelsTheAutoClose_InTheSameWrite()
    {
        using var inbox = Inbox();
        var open = await inbox.ReceiveAsync("c1");
        await inbox.SendAsync(open.ConversationId);

        await inbox.ReceiveAsync("c1", content: "thanks, one more thing");
        inbox.Clock.Advance(After * 2);
        var pass = await inbox.Engine.ProcessDueAsync();

        var conversation = await inbox.Engine.GetConversationAsync(open.ConversationId);
        conversation.Timers.Should().BeEmpty();
        conversation.IsOpen.Should().BeTrue();
        pass.ConversationsAutoClosed.Should().Be(0);
    }

    [Theory]
    [InlineData(ActorKind.Workflow)]
    [InlineData(ActorKind.Api)]
    [InlineData(ActorKind.System)]
    public async Task NonAgentMessage_NeitherStartsNorReArmsTheAutoClose(ActorKind kind)
    {
        using var inbox = Inbox();
        var open = await inbox.ReceiveAsync("c1");
        var author = kind switch { ActorKind.Workflow => Actor.Workflow("bot"), ActorKind.Api => Actor.Api(), _ => Actor.System() };

        await inbox.Engine.SendAsync(new OutboundMessage { ConversationId = open.ConversationId, Author = author, Content = "automated" });
        var notStarted = await inbox.Engine.GetConversationAsync(open.ConversationId);
        await inbox.SendAsync(open.ConversationId);
        inbox.Clock.Advance(TimeSpan.FromMinutes(30));
        await inbox.Engine.SendAsync(new OutboundMessage { ConversationId = open.ConversationId, Author = author, Content = "automated" });
        var notReArmed = await inbox.Engine.GetConversationAsync(open.ConversationId);

        notStarted.Timers.Should().BeEmpty();
        notReArmed.Timers.Should().ContainSingle().Which.DueAt.Should().Be(TestInbox.Start + After);
    }

    [Fact]
    public async Task ProcessDue_OnceTheContactWasSilentForTheDuration_ClosesItAsTheSystem_WithTheCategory()
    {
        using var inbox = Inbox(o => o.AutoCloseCategory = "stale");
        var open = await inbox.ReceiveAsync("c1");
        await inbox.SendAsync(open.ConversationId);
        inbox.Clock.Advance(After - TimeSpan.FromTicks(1));
        var early = await inbox.Engine.ProcessDueAsync();
        inbox.Clock.Advance(TimeSpan.FromTicks(1));

        var pass = await inbox.Engine.ProcessDueAsync();

        early.ConversationsAutoClosed.Should().Be(0);
        pass.ConversationsAutoClosed.Should().Be(1);
        var closed = await inbox.Engine.GetConversationAsync(open.ConversationId);
        closed.Closure.Should().Be(new ConversationClosure(Actor.System("auto-close"), TestInbox.Start + After, "stale", null));
        closed.Timers.Should().BeEmpty();
        inbox.Events.OfType<ConversationClosed>().Should().ContainSingle(e => e.ConversationId == open.ConversationId);
    }

    [Fact]
    public async Task AutoClose_FreesTheAgentsSeat_AndTheQueueMoves()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"), b => b.Services.Configure<InboundConversationsOptions>(o => o.AutoCloseAfter = After));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        await inbox.SendAsync(first.ConversationId, agent: "ana");
        inbox.Clock.Advance(After);

        await inbox.Engine.ProcessDueAsync();

        (await inbox.ConversationOfAsync(first)).State.Should().Be(ConversationState.Closed);
        var next = await inbox.ConversationOfAsync(waiting);
        next.State.Should().Be(ConversationState.Assigned);
        next.Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task AutoClose_OfASnoozedConversation_NeverHappens()
    {
        using var inbox = Inbox();
        var open = await inbox.ReceiveAsync("c1");
        await inbox.SendAsync(open.ConversationId);

        var snoozed = await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = open.ConversationId, Until = TestInbox.Start + After * 3, SnoozedBy = Actor.Api() });
        await inbox.Engine.SendAsync(new OutboundMessage { ConversationId = open.ConversationId, Author = Actor.Agent(new AgentId("agent-1")), Content = "noted" });
        inbox.Clock.Advance(After * 2);
        var pass = await inbox.Engine.ProcessDueAsync();

        snoozed.Timers.Find(ConversationTimerKind.AutoClose).Should().BeNull("a snooze cancels the auto-close");
        (await inbox.Engine.GetConversationAsync(open.ConversationId)).Timers.Find(ConversationTimerKind.AutoClose).Should().BeNull("an agent's message does not arm it while snoozed");
        pass.ConversationsAutoClosed.Should().Be(0);
        (await inbox.Engine.GetConversationAsync(open.ConversationId)).State.Should().Be(ConversationState.Snoozed);
    }

    [Fact]
    public async Task AutoClose_ArmedByAMessageRacingASnooze_IsCancelledWhenDue_NotFired()
    {
        using var inbox = Inbox();
        var open = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = open.ConversationId, Until = TestInbox.Start + After * 3, SnoozedBy = Actor.Api() });
        var snoozed = await inbox.Engine.GetConversationAsync(open.ConversationId);
        // What a message read before the snooze and stored after it does: arm the auto-close on the snoozed conversation.
        await inbox.Store.AppendOutboundAsync(
            new ConversationMessage
            {
                Workspace = default, Id = MessageId.New(TestInbox.Start), ConversationId = open.ConversationId, Contact = snoozed.Contact,
                Direction = MessageDirection.Outbound, Channel = snoozed.Channel, Author = Actor.Agent(new AgentId("agent-1")), Content = "late",
                SentAt = TestInbox.Start, RecordedAt = TestInbox.Start, Sequence = 0,
            },
            new ConversationTimer(ConversationTimerKind.AutoClose, TestInbox.Start + After, TestInbox.Start),
            CancellationToken.None);
        inbox.Clock.Advance(After);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.ConversationsAutoClosed.Should().Be(0);
        pass.TimersSkipped.Should().Be(1);
        var after = await inbox.Engine.GetConversationAsync(open.ConversationId);
        after.State.Should().Be(ConversationState.Snoozed);
        after.Timers.Find(ConversationTimerKind.AutoClose).Should().BeNull();
    }

    [Fact]
    public async Task EnteringAQueue_CancelsTheAutoClose_AndAnAgentsMessageThereArmsNone()
    {
        using var inbox = new TestInbox(o => o.AutoCloseAfter = After);
        await inbox.Roster.RegisterAgentAsync(new AgentRegistration { Agent = new AgentId("away"), Teams = [WorkflowInbox.Support], Capacity = 1, InitialPresence = AgentPresence.Offline });
        var open = await inbox.ReceiveAsync("c1");
        await inbox.SendAsync(open.ConversationId);

        var queued = await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = open.ConversationId, ToTeam = WorkflowInbox.Support, TransferredBy = Actor.Api() });
        await inbox.SendAsync(open.ConversationId, "Someone from support will answer shortly.");
        inbox.Clock.Advance(After * 2);
        var pass = await inbox.Engine.ProcessDueAsync();

        queued.State.Should().Be(ConversationState.Queued);
        queued.Timers.Find(ConversationTimerKind.AutoClose).Should().BeNull("a queued conversation waits for an agent, not for the contact");
        pass.ConversationsAutoClosed.Should().Be(0);
        (await inbox.Engine.GetConversationAsync(open.ConversationId)).State.Should().Be(ConversationState.Queued);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(14 * 24 * 60 + 1)]
    public void AutoCloseAfter_OutsideThirtyMinutesToFourteenDays_StopsTheHost(int minutes)
    {
        var act = () => new TestInbox(o => o.AutoCloseAfter = TimeSpan.FromMinutes(minutes)).Dispose();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AutoCloseAfter*");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void AutoCloseCategory_EmptyOrMissing_StopsTheHost(string? category)
    {
        var act = () => new TestInbox(o => o.AutoCloseCategory = category!).Dispose();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AutoCloseCategory*");
    }

    [Fact]
    public void AutoClose_IsOffByDefault_WithItsCategory()
    {
        var options = new InboundConversationsOptions();

        options.AutoCloseAfter.Should().BeNull();
        options.AutoCloseCategory.Should().Be("auto-closed");
    }

    private static TestInbox Inbox(Action<InboundConversationsOptions>? also = null) => new(o =>
    {
        o.AutoCloseAfter = After;
        also?.Invoke(o);
    });
}
