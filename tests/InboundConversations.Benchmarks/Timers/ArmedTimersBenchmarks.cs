using BenchmarkDotNet.Attributes;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.Timers;

/// <summary>
/// A pass over 100 due timers among many armed ones, in memory: the 100 snoozes end while 9,900 (or 99,900) other
/// conversations wait for their auto-close, due in 14 days; the baseline is the same pass with only the 100 armed.
/// A pass must not read the conversations whose timers are not due, so the ratio should stay close to 1. One
/// invocation per iteration, the same 100 conversations snoozed again before each; Mean and Allocated are per pass.
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

    [GlobalSetup(Target = nameof(PassWith100Armed))]
    public void ArmOnlyTheDue() => Arm(others: 0);

    [GlobalSetup(Target = nameof(PassWith10000Armed))]
    public void ArmTenThousand() => Arm(others: 10_000 - Due);

    [GlobalSetup(Target = nameof(PassWith100000Armed))]
    public void ArmHundredThousand() => Arm(others: 100_000 - Due);

    /// <summary>The same 100 conversations snoozed again (the previous pass woke them); then the clock moves on until the snoozes end.</summary>
    [IterationSetup]
    public void Snooze()
    {
        _inbox!.SnoozeAsync(_due).GetAwaiter().GetResult();
        _inbox.Clock.Advance(TimerInbox.SnoozeFor);
    }

    [GlobalCleanup]
    public void Dispose() => _inbox?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task PassWith100Armed() => _inbox!.PassAsync(Due);

    [Benchmark]
    public Task PassWith10000Armed() => _inbox!.PassAsync(Due);

    [Benchmark]
    public Task PassWith100000Armed() => _inbox!.PassAsync(Due);

    private void Arm(int others)
    {
        _inbox = TimerInbox.CreateAsync(autoCloseAfter: OthersDueIn).GetAwaiter().GetResult();
        _inbox.OpenAnsweredAsync("waiting", others).GetAwaiter().GetResult();
        _due = _inbox.OpenAsync("snoozer", Due).GetAwaiter().GetResult();
    }
}
