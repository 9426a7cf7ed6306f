using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Time;

/// <summary>
/// What an operator reads of timers: a snooze (event 19), a wake (20), a queue timeout fired (21), a timer skipped (22)
/// or failed (23), an auto-close fired (24),
/// each with ids, kinds and states only; and a pass's paging: one claim when fewer than a page are due, at most 4,096
/// timers per pass.
/// </summary>
public sealed class TimerLogTests
{
    private static readonly TimeSpan For = TimeSpan.FromHours(1);

    [Fact]
    public async Task SnoozeWakeAndFiring_AreLoggedWithIdsAndStates()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support").QueueTimeout(TimeSpan.FromMinutes(10), QueueTimeoutFallback.Unassign()), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana", capacity: 1);
        var snoozed = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = snoozed.ConversationId, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        var queued = await inbox.ReceiveAsync("c2");
        inbox.Clock.Advance(For);

        await inbox.Engine.ProcessDueAsync();

        var logs = inbox.Logs();
        logs.Should().ContainSingle(r => r.Id.Id == 19).Which.Message.Should().Be($"Conversation {snoozed.ConversationId} snoozed until {TestInbox.Start + For} by Api");
        logs.Should().ContainSingle(r => r.Id.Id == 20).Which.Message.Should().Be($"Conversation {snoozed.ConversationId} woke (SnoozeEnded) to Assigned");
        logs.Should().ContainSingle(r => r.Id.Id == 21).Which.Message.Should().Be(
            $"Queue timeout of conversation {queued.ConversationId} in team support fired: Unassign; the conversation is Unassigned");
    }

    [Fact]
    public async Task AutoClose_IsLoggedWithItsConversationAndWhenTheContactWasLastAwaited()
    {
        using var inbox = new TestInbox(o => o.AutoCloseAfter = For, services: FakeLogging.Add);
        var open = await inbox.ReceiveAsync("c1");
        await inbox.SendAsync(open.ConversationId);
        inbox.Clock.Advance(For);

        await inbox.Engine.ProcessDueAsync();

        inbox.Logs().Should().ContainSingle(r => r.Id.Id == 24).Which.Message.Should().Be(
            $"Auto-close of conversation {open.ConversationId} fired: the contact had not answered since {TestInbox.Start}");
    }

    [Fact]
    public async Task SkippedAndFailedTimers_AreLoggedWithTheirKindAndConversation()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana");
        var failing = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = failing.ConversationId, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        inbox.Clock.Advance(For);
        store!.Fails = call => call == nameof(IConversationStore.UpdateAsync);

        await inbox.Engine.ProcessDueAsync();
        store.Fails = _ => false;
        var moved = await inbox.ReceiveAsync("c2");
        await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = moved.ConversationId, Until = inbox.Clock.GetUtcNow() + For, SnoozedBy = Actor.Api() });
        inbox.Clock.Advance(For);
        var claimed = false;
        store.Before = async call =>
        {
            if (call == nameof(IConversationStore.ClaimDueAsync))
            {
                claimed = true;
            }
            else if (call == nameof(IConversationStore.FindAsync) && claimed)
            {
                claimed = false;
                await stores.Conversations.UpdateAsync((await stores.Conversations.FindAsync(default, moved.ConversationId, CancellationToken.None))! with { State = ConversationState.Assigned }, CancellationToken.None);
            }
        };
        await inbox.Engine.ProcessDueAsync();

        var logs = inbox.Logs();
        logs.Should().Contain(r => r.Id.Id == 23 && r.Message == $"Timer SnoozeEnd of conversation {failing.ConversationId} failed (IOException); it stays armed and fires once its claim lapses");
        logs.Should().Contain(r => r.Id.Id == 22 && r.Message == $"Timer SnoozeEnd of conversation {moved.ConversationId} fired nothing: the conversation moved on since it was claimed");
    }

    [Fact]
    public async Task Pass_WithFewerThanAPageDue_ClaimsOnce()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await inbox.AddAgentAsync("ana");
        var open = await inbox.ReceiveAsync("c1");
        await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = open.ConversationId, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        inbox.Clock.Advance(For);
        var claims = 0;
        store!.Before = call =>
        {
            claims += call == nameof(IConversationStore.ClaimDueAsync) ? 1 : 0;
            return ValueTask.CompletedTask;
        };

        await inbox.Engine.ProcessDueAsync();

        claims.Should().Be(1, "a short page is the last");
    }

    [Fact]
    public async Task Pass_FiresAtMost4096Timers_AndTheNextPassTheRest()
    {
        const int Due = 4_096 + 3;
        using var inbox = new TestInbox();
        var now = TestInbox.Start;
        for (var i = 0; i < Due; i++)
        {
            var open = await inbox.ReceiveAsync($"c{i}");
            await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = open.ConversationId, Until = now + For, SnoozedBy = Actor.Api() });
        }

        inbox.Clock.Advance(For);

        var first = await inbox.Engine.ProcessDueAsync();
        var second = await inbox.Engine.ProcessDueAsync();

        first.SnoozesEnded.Should().Be(4_096);
        second.SnoozesEnded.Should().Be(3);
    }
}
