using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.Timers;

/// <summary>
/// The firing cost per due timer, in memory: one background pass (<see cref="IConversationEngine.ProcessDueAsync"/>)
/// over 100 due timers, against the same change made by a direct engine call in the same run (the baseline of each
/// category), so the ratio is what the timer machinery adds: the claim, the guard on the timer as armed, the pass's
/// other steps (which find nothing to do here). Auto-close: the pass closes 100 conversations whose agent answered an
/// hour ago; the baseline closes them with <c>CloseAsync</c>. Snooze end: the pass wakes 100 snoozed conversations;
/// the baseline wakes them with a contact message each (which also stores the message). One invocation per iteration,
/// each iteration arming 100 new timers first; Mean and Allocated are per timer (per conversation for the baselines).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[InvocationCount(1, 1)]
public class TimerFiringBenchmarks
{
    /// <summary>Due timers per pass.</summary>
    public const int Due = 100;

    private const string AutoClose = "auto-close";
    private const string SnoozeEnd = "snooze end";

    private TimerInbox? _inbox;
    private ConversationId[] _due = [];
    private InboundMessage[] _contactMessages = [];
    private int _iteration;

    [GlobalSetup(Targets = [nameof(CloseAsync), nameof(AutoClosePass)])]
    public void CreateEngine() => _inbox = TimerInbox.CreateAsync().GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(ContactMessages), nameof(SnoozeEndPass)])]
    public void OpenSnoozers()
    {
        CreateEngine();
        _due = _inbox!.OpenAsync("snoozer", Due).GetAwaiter().GetResult();
    }

    /// <summary>100 new conversations answered by an agent; then the clock moves on until their auto-close is due.</summary>
    [IterationSetup(Targets = [nameof(CloseAsync), nameof(AutoClosePass)])]
    public void ArmAutoCloses()
    {
        _due = _inbox!.OpenAnsweredAsync($"silent-{++_iteration}", Due).GetAwaiter().GetResult();
        _inbox.Clock.Advance(TimerInbox.AutoCloseAfter);
    }

    /// <summary>The same 100 conversations snoozed again (the previous invocation woke them); then the clock moves on until the snoozes end.</summary>
    [IterationSetup(Targets = [nameof(ContactMessages), nameof(SnoozeEndPass)])]
    public void Snooze()
    {
        var iteration = ++_iteration;
        _inbox!.SnoozeAsync(_due).GetAwaiter().GetResult();
        _inbox.Clock.Advance(TimerInbox.SnoozeFor);
        var sentAt = _inbox.Clock.GetUtcNow();
        _contactMessages = Enumerable.Range(0, Due)
            .Select(i => Workload.Inbound(new ContactId($"snoozer-{i:D6}"), $"wake-{iteration}-{i}", Workload.FollowUp, sentAt))
            .ToArray();
    }

    [GlobalCleanup]
    public void Dispose() => _inbox?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The agent closes each of the 100 conversations.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Due)]
    [BenchmarkCategory(AutoClose)]
    public Task CloseAsync() => _inbox!.CloseAsync(_due);

    /// <summary>One pass auto-closes the 100.</summary>
    [Benchmark(OperationsPerInvoke = Due)]
    [BenchmarkCategory(AutoClose)]
    public Task AutoClosePass() => _inbox!.PassAsync(Due);

    /// <summary>A contact message to each of the 100 snoozed conversations: stored, then the conversation wakes.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Due)]
    [BenchmarkCategory(SnoozeEnd)]
    public async Task ContactMessages()
    {
        var engine = _inbox!.Engine;
        foreach (var message in _contactMessages)
        {
            await engine.ReceiveAsync(message);
        }
    }

    /// <summary>One pass ends the 100 snoozes.</summary>
    [Benchmark(OperationsPerInvoke = Due)]
    [BenchmarkCategory(SnoozeEnd)]
    public Task SnoozeEndPass() => _inbox!.PassAsync(Due);
}
