using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>A conversation opened with timers of every kind stores them with it: every read gives them back, value-equal.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_WithTimers_StoresThemWithTheConversation()
    {
        var store = CreateStore();
        var now = Samples.NextTime();
        var timers = ConversationTimers.Of(
        [
            Timer(ConversationTimerKind.SnoozeEnd, now.AddDays(2)),
            Timer(ConversationTimerKind.QueueTimeout, now.AddMinutes(5)),
            Timer(ConversationTimerKind.AutoClose, now.AddHours(1)),
        ]);
        var conversation = Samples.AgentOpened(Samples.NewContact()) with { Timers = timers };

        var opened = await store.OpenAsync(conversation, null, CancellationToken.None);

        Assert.True(opened.Opened);
        Assert.Equal(timers, opened.Conversation.Timers);
        Assert.Equal(conversation, opened.Conversation);
        await AssertStoredEverywhereAsync(store, opened.Conversation);
    }

    /// <summary>An update stores the snapshot's timers with it: one replaced, one cancelled, one added; then none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_ChangingTheTimers_StoresTheNewSetWithTheConversation()
    {
        var store = CreateStore();
        var now = Samples.NextTime();
        var opened = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.QueueTimeout, now.AddMinutes(5)), Timer(ConversationTimerKind.AutoClose, now.AddHours(1)));
        var changed = ConversationTimers.Of([Timer(ConversationTimerKind.AutoClose, now.AddHours(2)), Timer(ConversationTimerKind.SnoozeEnd, now.AddDays(1))]);

        var updated = await store.UpdateAsync(opened with { Timers = changed }, CancellationToken.None);

        Assert.Equal(changed, updated.Timers);
        Assert.Equal(opened.Version + 1, updated.Version);
        await AssertStoredEverywhereAsync(store, updated);

        var cleared = await store.UpdateAsync(updated with { Timers = ConversationTimers.Empty }, CancellationToken.None);

        Assert.Empty(cleared.Timers);
        await AssertStoredEverywhereAsync(store, cleared);
    }

    /// <summary>
    /// A Snoozed conversation (state 6) is stored and read back as it is, with its snooze's end; it is open: the
    /// contact's open conversation, which the contact's next message joins (reported as joined in state Snoozed).
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_ToSnoozed_IsStoredAsAnOpenConversationThatMessagesJoin()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var opened = (await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None)).OpenedConversation!;
        var until = Samples.NextTime().AddHours(3);
        var snooze = opened with { State = ConversationState.Snoozed, Timers = ConversationTimers.Of([Timer(ConversationTimerKind.SnoozeEnd, until)]) };

        var snoozed = await store.UpdateAsync(snooze, CancellationToken.None);

        Assert.Equal(ConversationState.Snoozed, snoozed.State);
        Assert.Equal(until, snoozed.SnoozedUntil);
        Assert.True(snoozed.IsOpen);
        await AssertStoredEverywhereAsync(store, snoozed);
        var joined = await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None);
        Assert.Equal(InboundAppendOutcome.Appended, joined.Outcome);
        Assert.Equal(opened.Id, joined.Message.ConversationId);
        Assert.Equal(ConversationState.Snoozed, joined.JoinedState);
    }

    /// <summary>
    /// An outbound message with a timer arms it in the same write, replacing the timer of its kind and keeping the
    /// others: the conversation is stored at the next version, otherwise unchanged.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendOutbound_WithATimer_ArmsItAtTheNextVersion()
    {
        var store = CreateStore();
        var now = Samples.NextTime();
        var queueTimeout = Timer(ConversationTimerKind.QueueTimeout, now.AddMinutes(5));
        var opened = await OpenWithTimersAsync(store, queueTimeout, Timer(ConversationTimerKind.AutoClose, now.AddHours(1)));
        var rearmed = Timer(ConversationTimerKind.AutoClose, now.AddHours(4));

        var reply = await store.AppendOutboundAsync(Samples.Reply(opened), rearmed, CancellationToken.None);

        var stored = await store.FindAsync(default, opened.Id, CancellationToken.None);
        Assert.Equal(opened with { Timers = ConversationTimers.Of([queueTimeout, rearmed]), Version = opened.Version + 1 }, stored);
        Assert.Equal([reply], await store.ListMessagesAsync(default, opened.Id, CancellationToken.None));

        var snoozeEnd = Timer(ConversationTimerKind.SnoozeEnd, now.AddDays(1));
        await store.AppendOutboundAsync(Samples.Reply(opened), snoozeEnd, CancellationToken.None);

        Assert.Equal(
            opened with { Timers = ConversationTimers.Of([queueTimeout, rearmed, snoozeEnd]), Version = opened.Version + 2 },
            await store.FindAsync(default, opened.Id, CancellationToken.None));
    }

    /// <summary>An outbound message without a timer leaves the conversation as it is: same version, same timers.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendOutbound_WithoutATimer_LeavesTheConversationAsItIs()
    {
        var store = CreateStore();
        var opened = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, Samples.NextTime().AddHours(1)));

        await store.AppendOutboundAsync(Samples.Reply(opened), null, CancellationToken.None);

        Assert.Equal(opened, await store.FindAsync(default, opened.Id, CancellationToken.None));
        Assert.Single(await store.ListMessagesAsync(default, opened.Id, CancellationToken.None));
    }

    /// <summary>An outbound message with a timer, to a closed conversation: refused, nothing recorded, nothing armed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendOutbound_WithATimerToAClosedConversation_ThrowsConversationClosedAndArmsNothing()
    {
        var store = CreateStore();
        var closed = await store.UpdateAsync(Samples.Closed(await OpenAsync(store)), CancellationToken.None);

        await Assert.ThrowsAsync<ConversationClosedException>(() =>
            store.AppendOutboundAsync(Samples.Reply(closed), Timer(ConversationTimerKind.AutoClose, Samples.NextTime()), CancellationToken.None).AsTask());

        Assert.Equal(closed, await store.FindAsync(default, closed.Id, CancellationToken.None));
        Assert.Empty(await store.ListMessagesAsync(default, closed.Id, CancellationToken.None));
    }

    /// <summary>
    /// An inbound message that cancels an armed timer removes it in the same write, at the next version, and keeps
    /// the timers of other kinds; it reports the state of the conversation it joined.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_CancellingAnArmedTimer_RemovesItAtTheNextVersion()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var now = Samples.NextTime();
        var queueTimeout = Timer(ConversationTimerKind.QueueTimeout, now.AddMinutes(5));
        var armed = await store.UpdateAsync(
            Samples.Queued(await OpenAsync(store, contact: contact), Samples.NewTeam()) with
            {
                Timers = ConversationTimers.Of([queueTimeout, Timer(ConversationTimerKind.AutoClose, now.AddHours(1))]),
            },
            CancellationToken.None);

        var joined = await store.AppendInboundAsync(Samples.Inbound(contact) with { CancelTimers = [ConversationTimerKind.AutoClose, ConversationTimerKind.SnoozeEnd] }, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Appended, joined.Outcome);
        Assert.Equal(ConversationState.Queued, joined.JoinedState);
        Assert.Equal(armed with { Timers = ConversationTimers.Of([queueTimeout]), Version = armed.Version + 1 }, await store.FindAsync(default, armed.Id, CancellationToken.None));
        Assert.Equal([joined.Message], await store.ListMessagesAsync(default, armed.Id, CancellationToken.None));
    }

    /// <summary>An inbound message that cancels timers none of which is armed leaves the conversation as it is, version included.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_CancellingTimersNoneOfWhichIsArmed_LeavesTheVersion()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var armed = await OpenWithTimersAsync(store, contact, Timer(ConversationTimerKind.QueueTimeout, Samples.NextTime().AddMinutes(5)));

        var joined = await store.AppendInboundAsync(Samples.Inbound(contact) with { CancelTimers = [ConversationTimerKind.AutoClose, ConversationTimerKind.SnoozeEnd] }, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Appended, joined.Outcome);
        Assert.Equal(ConversationState.Unassigned, joined.JoinedState);
        Assert.Equal(armed, await store.FindAsync(default, armed.Id, CancellationToken.None));
    }

    /// <summary>An inbound message that opens a conversation reports the new conversation's state as joined; timers to cancel change nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_Opening_ReportsTheNewConversationsStateAsJoined()
    {
        var store = CreateStore();
        var append = Samples.InboundStartingWorkflow(Samples.NewContact()) with { CancelTimers = [ConversationTimerKind.AutoClose] };

        var opened = await store.AppendInboundAsync(append, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Opened, opened.Outcome);
        Assert.Equal(ConversationState.Triaging, opened.JoinedState);
        var stored = await store.FindAsync(default, append.NewConversationId, CancellationToken.None);
        Assert.Equal(opened.OpenedConversation, stored);
        Assert.Empty(stored!.Timers);
        Assert.Equal(1, stored.Version);
    }

    /// <summary>A redelivery applies nothing again: the timers it names stay armed, at the same version.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_RedeliveryThatWouldCancelATimer_CancelsNothing()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = await store.AppendInboundAsync(Samples.Inbound(contact, "wamid-timer"), CancellationToken.None);
        var armed = await store.UpdateAsync(
            first.OpenedConversation! with { Timers = ConversationTimers.Of([Timer(ConversationTimerKind.AutoClose, Samples.NextTime().AddHours(1))]) },
            CancellationToken.None);

        var again = await store.AppendInboundAsync(Samples.Inbound(contact, "wamid-timer") with { CancelTimers = [ConversationTimerKind.AutoClose] }, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Duplicate, again.Outcome);
        Assert.Equal(armed, await store.FindAsync(default, armed.Id, CancellationToken.None));
    }

    /// <summary>A timer of <paramref name="kind"/> due at <paramref name="dueAt"/>, armed an hour before.</summary>
    private static ConversationTimer Timer(ConversationTimerKind kind, DateTimeOffset dueAt) => new(kind, dueAt, dueAt.AddHours(-1));

    /// <summary>Opens a conversation, by an agent, for a fresh contact, with <paramref name="timers"/> armed.</summary>
    private Task<Conversation> OpenWithTimersAsync(IConversationStore store, params ConversationTimer[] timers) =>
        OpenWithTimersAsync(store, Samples.NewContact(), timers);

    /// <summary>Opens a conversation, by an agent, for <paramref name="contact"/>, with <paramref name="timers"/> armed.</summary>
    private async Task<Conversation> OpenWithTimersAsync(IConversationStore store, ContactId contact, params ConversationTimer[] timers)
    {
        var conversation = Samples.AgentOpened(contact) with { Timers = ConversationTimers.Of(timers) };
        return (await store.OpenAsync(conversation, null, CancellationToken.None).ConfigureAwait(false)).Conversation;
    }

    /// <summary>Every read of a conversation (by id, the contact's open one, the contact's history) gives back <paramref name="expected"/>.</summary>
    private static async Task AssertStoredEverywhereAsync(IConversationStore store, Conversation expected)
    {
        Assert.Equal(expected, await store.FindAsync(expected.Workspace, expected.Id, CancellationToken.None).ConfigureAwait(false));
        Assert.Equal(expected.IsOpen ? expected : null, await store.FindOpenAsync(expected.Workspace, expected.Contact, CancellationToken.None).ConfigureAwait(false));
        Assert.Equal([expected], await store.ListByContactAsync(expected.Workspace, expected.Contact, CancellationToken.None).ConfigureAwait(false));
    }
}
