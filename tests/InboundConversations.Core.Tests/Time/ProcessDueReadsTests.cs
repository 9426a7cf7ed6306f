using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Time;

/// <summary>
/// A background pass reads what is due, never the conversations whose timers are armed but not due: with 10,000
/// armed and 100 due it makes the store calls a pass with only the 100 armed makes, and the claim returns exactly the
/// due ones, earliest first.
/// </summary>
public sealed class ProcessDueReadsTests
{
    private const int Due = 100;
    private const int NotDue = 9_900;

    /// <summary>The due conversations' snoozes end one second apart from here; the last is due at <see cref="LastDue"/>.</summary>
    private static readonly DateTimeOffset FirstDue = TestInbox.Start + TimeSpan.FromHours(1);

    private static readonly DateTimeOffset LastDue = FirstDue + TimeSpan.FromSeconds(Due - 1);

    /// <summary>The others' auto-close, armed by an agent's message: due a day after it, long after the snoozes.</summary>
    private static readonly TimeSpan AutoCloseAfter = TimeSpan.FromDays(1);

    [Fact]
    public async Task ProcessDue_With10000ArmedOf100Due_MakesTheStoreCallsOfAPassWithOnlyThe100Armed()
    {
        using var crowded = await ArmedAsync(NotDue);
        using var alone = await ArmedAsync(notDue: 0);

        var crowdedPass = await crowded.PassAsync();
        var alonePass = await alone.PassAsync();

        crowdedPass.Result.SnoozesEnded.Should().Be(Due);
        crowdedPass.Result.TimersFired.Should().Be(Due);
        crowdedPass.Result.TimersSkipped.Should().Be(0);
        alonePass.Result.SnoozesEnded.Should().Be(Due);
        crowdedPass.Calls.Should().BeEquivalentTo(alonePass.Calls, "the 9,900 conversations not due are neither listed nor read");
        crowdedPass.Calls.Should().Contain(nameof(IConversationStore.ClaimDueAsync), 1, "100 due fit in one page of 256: one claim, no second");
        crowdedPass.Calls.Should().Contain(nameof(IConversationStore.UpdateAsync), Due, "one versioned write per fired timer");
        crowdedPass.Calls.GetValueOrDefault(nameof(IConversationStore.FindAsync)).Should().BeLessThanOrEqualTo(2 * Due, "a transition reads the conversation for its contact's gate, then again under the gate");
        crowdedPass.Calls.Values.Sum().Should().BeLessThanOrEqualTo((3 * Due) + 3, "two reads and a write per timer, one claim, and the pass's other steps");
        foreach (var id in crowded.DueIds)
        {
            (await crowded.Inbox.Engine.GetConversationAsync(id)).Should().Match<Conversation>(c => c.State == ConversationState.Unassigned && c.Timers.Count == 0);
        }

        (await crowded.Inbox.Engine.GetConversationAsync(crowded.OtherIds[^1])).Timers.Should().ContainSingle()
            .Which.Should().Match<ConversationTimer>(t => t.Kind == ConversationTimerKind.AutoClose && t.DueAt == TestInbox.Start + AutoCloseAfter, "the others stay armed");
    }

    [Fact]
    public async Task ClaimDue_With10000ArmedOf100Due_ReturnsExactlyTheDue_EarliestFirst_StoppingAtTheFirstNotDue()
    {
        using var crowded = await ArmedAsync(NotDue);
        var lease = TimeSpan.FromMinutes(1);

        var beforeTheLast = await crowded.Store.ClaimDueAsync(LastDue - TimeSpan.FromTicks(1), lease, maxCount: Due + NotDue, default);
        var atTheLast = await crowded.Store.ClaimDueAsync(LastDue, lease, maxCount: Due + NotDue, default);

        beforeTheLast.Select(static c => c.Id).Should().Equal(crowded.DueIds.Take(Due - 1), "the snoozes in the order they end, up to the first not yet due");
        atTheLast.Select(static c => c.Id).Should().Equal([crowded.DueIds[^1]], "the others are not due, the first 99 claimed");
        beforeTheLast.Should().OnlyContain(static c => c.State == ConversationState.Snoozed);
    }

    /// <summary>
    /// An engine over a store that counts its calls, with <paramref name="notDue"/> conversations whose auto-close is
    /// armed for a day later and <see cref="Due"/> snoozed until <see cref="FirstDue"/> (one second apart); the clock
    /// then stands at <see cref="LastDue"/>, when every snooze and none of the auto-closes is due.
    /// </summary>
    private static async Task<Armed> ArmedAsync(int notDue)
    {
        var store = new InMemoryConversationStore();
        var counted = new InstrumentedConversationStore(store);
        var inbox = new TestInbox(o => o.AutoCloseAfter = AutoCloseAfter, b => b.UseConversationStore(_ => counted));
        var others = new List<ConversationId>(notDue);
        for (var i = 0; i < notDue; i++)
        {
            var open = await inbox.ReceiveAsync($"other-{i}");
            await inbox.SendAsync(open.ConversationId);
            others.Add(open.ConversationId);
        }

        var due = new List<ConversationId>(Due);
        for (var i = 0; i < Due; i++)
        {
            var open = await inbox.ReceiveAsync($"due-{i}");
            await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = open.ConversationId, Until = FirstDue + TimeSpan.FromSeconds(i), SnoozedBy = Actor.Api() });
            due.Add(open.ConversationId);
        }

        inbox.Clock.SetUtcNow(LastDue);
        return new Armed(inbox, store, counted, due, others);
    }

    private sealed class Armed(TestInbox inbox, InMemoryConversationStore store, InstrumentedConversationStore counted, IReadOnlyList<ConversationId> due, IReadOnlyList<ConversationId> others)
        : IDisposable
    {
        public TestInbox Inbox => inbox;

        /// <summary>The store itself, under the counting wrapper the engine uses.</summary>
        public InMemoryConversationStore Store => store;

        /// <summary>The snoozed conversations, in the order their snoozes end.</summary>
        public IReadOnlyList<ConversationId> DueIds => due;

        public IReadOnlyList<ConversationId> OtherIds => others;

        /// <summary>One pass, and the store calls it made by method name.</summary>
        public async Task<(ProcessDueResult Result, Dictionary<string, int> Calls)> PassAsync()
        {
            var calls = new Dictionary<string, int>(StringComparer.Ordinal);
            counted.Before = call =>
            {
                lock (calls)
                {
                    calls[call] = calls.GetValueOrDefault(call) + 1;
                }

                return ValueTask.CompletedTask;
            };
            var result = await inbox.Engine.ProcessDueAsync();
            counted.Before = _ => ValueTask.CompletedTask;
            return (result, calls);
        }

        public void Dispose() => inbox.Dispose();
    }
}
