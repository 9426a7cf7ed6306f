namespace InboundConversations.Tests.Domain;

/// <summary>A conversation's timers: at most one per kind, ordered by kind, immutable and equal by value.</summary>
public sealed class ConversationTimersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConversationTimer Queue = new(ConversationTimerKind.QueueTimeout, Now.AddMinutes(10), Now);
    private static readonly ConversationTimer Close = new(ConversationTimerKind.AutoClose, Now.AddMinutes(5), Now);

    [Fact]
    public void Of_TwoTimersOfOneKind_Throws()
    {
        var act = () => ConversationTimers.Of([Queue, Queue with { DueAt = Now }]);

        act.Should().Throw<ArgumentException>().WithMessage("A conversation holds at most one QueueTimeout timer.*");
    }

    [Fact]
    public void Of_AnUndefinedKind_Throws()
    {
        var act = () => ConversationTimers.Of([Queue with { Kind = (ConversationTimerKind)99 }]);

        act.Should().Throw<ArgumentException>().WithMessage("Timer kind 99 is not defined.*");
    }

    [Fact]
    public void Of_ANullTimer_Throws()
    {
        var act = () => ConversationTimers.Of([null!]);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Of_OrdersByKind_AndEqualsAnotherWithTheSameTimers()
    {
        var timers = ConversationTimers.Of([Close, Queue]);

        timers.Select(t => t.Kind).Should().Equal(ConversationTimerKind.QueueTimeout, ConversationTimerKind.AutoClose);
        timers.Should().Equal(Queue, Close);
        timers.Equals(ConversationTimers.Of([Queue, Close])).Should().BeTrue();
        timers.GetHashCode().Should().Be(ConversationTimers.Of([Queue, Close]).GetHashCode());
        timers.Equals(ConversationTimers.Of([Queue])).Should().BeFalse();
        ConversationTimers.Of([Queue]).GetHashCode().Should().NotBe(ConversationTimers.Of([Close]).GetHashCode(), "the hash is of the timers");
        timers.Equals(null).Should().BeFalse();
        ConversationTimers.Of([]).Should().BeSameAs(ConversationTimers.Empty);
    }

    [Fact]
    public void With_ReplacesTheTimerOfItsKind_AndWithout_RemovesIt()
    {
        var later = Queue with { DueAt = Now.AddHours(1) };

        var timers = ConversationTimers.Empty.With(Queue).With(Close).With(later);

        timers.Find(ConversationTimerKind.QueueTimeout).Should().Be(later);
        timers.Count.Should().Be(2);
        timers.Without(ConversationTimerKind.QueueTimeout).Should().Equal(Close);
        timers.Without(ConversationTimerKind.SnoozeEnd).Should().BeSameAs(timers);
        timers.Find(ConversationTimerKind.SnoozeEnd).Should().BeNull();
    }

    [Fact]
    public void DueAt_ReturnsTheDueOnesEarliestFirst_AndNextDueAtIsTheEarliest()
    {
        var timers = ConversationTimers.Of([Queue, Close]);

        timers.DueAt(Now.AddMinutes(4)).Should().BeEmpty();
        timers.DueAt(Now.AddMinutes(5)).Should().Equal(Close);
        timers.DueAt(Now.AddMinutes(10)).Should().Equal(Close, Queue);
        timers.NextDueAt.Should().Be(Now.AddMinutes(5));
        ConversationTimers.Empty.NextDueAt.Should().BeNull();
        Close.IsDueAt(Now.AddMinutes(5)).Should().BeTrue();
        Close.IsDueAt(Now.AddMinutes(5).AddTicks(-1)).Should().BeFalse();
    }

    [Fact]
    public void Conversation_TimersSetToNull_Throws_AndSnoozedUntilReadsTheSnoozesEnd()
    {
        var conversation = new Conversation
        {
            Workspace = default, Id = ConversationId.New(Now), Contact = new ContactId("c1"), Channel = new ChannelId("sms"),
            Source = ConversationSource.Contact, OpenedBy = Actor.Contact(new ContactId("c1")), OpenedAt = Now,
            State = ConversationState.Snoozed, Version = 1,
        };
        var end = new ConversationTimer(ConversationTimerKind.SnoozeEnd, Now.AddDays(1), Now);

        var act = () => conversation with { Timers = null! };

        act.Should().Throw<ArgumentNullException>();
        conversation.SnoozedUntil.Should().BeNull();
        (conversation with { Timers = ConversationTimers.Of([end]) }).SnoozedUntil.Should().Be(Now.AddDays(1));
        (conversation with { Timers = ConversationTimers.Of([end]), State = ConversationState.Assigned }).SnoozedUntil.Should().BeNull();
    }

    [Fact]
    public void ToString_ListsKindsAndDueTimes()
    {
        ConversationTimers.Empty.ToString().Should().Be("none");
        ConversationTimers.Of([Close]).ToString().Should().Be($"AutoClose at {Close.DueAt:O}");
        ConversationTimers.Of([Queue, Close]).ToString().Should().Be($"QueueTimeout at {Queue.DueAt:O}, AutoClose at {Close.DueAt:O}");
    }
}
