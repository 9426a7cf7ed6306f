using BenchmarkDotNet.Attributes;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.Timers;

/// <summary>
/// A pass over 100 due timers among many armed ones, in memory: 10,000 (or 100,000) open conversations, 100 of them
/// snoozed until the pass. In <see cref="AllArmed"/> every other conversation waits for its auto-close, due in 14
/// days (an agent answered it); in the baseline, <see cref="OnlyTheDueArmed"/>, the others have no timer (no agent
/// answered). The store, the heap and the code run before measuring are the same size, so the ratio is what the
/// armed timers that are not due cost a pass: it must not read them, so it should stay close to 1. One invocation per
/// iteration, the same 100 conversations snoozed again before each; Mean and Allocated are per pass.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class ArmedTimersBenchmarks
{
    /// <summary>Due timers per pass.</summary>
    public const int Due = 100;

    private static readonly TimeSpan OthersDueIn = TimeSpan.FromDays(14);

    private TimerInbox? _inbox;
    private ConversationId[] _due = [];

    /// <summary>Open conversations, the 100 due included.</summary>
    [Params(10_000, 100_000)]
    public int Conversations { get; set; }

    [GlobalSetup(Target = nameof(OnlyTheDueArmed))]
    public void OpenOthersUnarmed() => Open(armOthers: false);

    [GlobalSetup(Target = nameof(AllArmed))]
    public void OpenOthersArmed() => Open(armOthers: true);

    /// <summary>The same 100 conversations snoozed again (the previous pass woke them); then the clock moves on until the snoozes end.</summary>
    [IterationSetup]
    public void Snooze()
    {
        _inbox!.SnoozeAsync(_due).GetAwaiter().GetResult();
        _inbox.Clock.Advance(TimerInbox.SnoozeFor);
    }

    [GlobalCleanup]
    public void Dispose() => _inbox?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Only the 100 due are armed.</summary>
    [Benchmark(Baseline = true)]
    public Task OnlyTheDueArmed() => _inbox!.PassAsync(Due);

    /// <summary>Every conversation is armed, 100 due.</summary>
    [Benchmark]
    public Task AllArmed() => _inbox!.PassAsync(Due);

    private void Open(bool armOthers)
    {
        _inbox = TimerInbox.CreateAsync(autoCloseAfter: OthersDueIn).GetAwaiter().GetResult();
        var others = Conversations - Due;
        if (armOthers)
        {
            _inbox.OpenAnsweredAsync("waiting", others).GetAwaiter().GetResult();
        }
        else
        {
            // The same calls, the agent's answer replaced by a second contact message: no timer armed.
            _inbox.OpenAsync("waiting", others).GetAwaiter().GetResult();
            _inbox.FollowUpAsync("waiting", others).GetAwaiter().GetResult();
        }

        _due = _inbox.OpenAsync("snoozer", Due).GetAwaiter().GetResult();
    }
}
