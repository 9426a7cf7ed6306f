using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using InboundConversations.Benchmarks.Setup;
using InboundConversations.PostgreSql.Throwaway;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Benchmarks.PostgreSql;

/// <summary>
/// The timer benchmarks of <see cref="Timers.TimerFiringBenchmarks"/> and <see cref="Timers.ArmedTimersBenchmarks"/>
/// on the PostgreSQL adapter, against a throwaway local cluster (127.0.0.1, durability off, as
/// <see cref="PostgreSqlBenchmarks"/>): the firing cost per due timer against the same change by a direct engine call
/// (auto-close against <c>CloseAsync</c>, a snooze's end against a contact message), and a pass over 100 due snoozes
/// among 10,000 open conversations, all armed, against the same pass with only the 100 armed. The engine has no
/// workflow, so a pass does nothing but fire timers (its other steps' reads find nothing). Each benchmark has its own
/// cluster; each iteration arms its 100 timers first. Mean and Allocated are per timer in the firing categories, per
/// pass in the other.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class PostgreSqlTimerBenchmarks
{
    /// <summary>Due timers per pass.</summary>
    public const int Due = 100;

    private const int Conversations = 10_000;
    private const int SetupCallers = 8;
    private const string AutoClose = "auto-close";
    private const string SnoozeEnd = "snooze end";
    private const string ManyArmed = "100 due of 10,000";

    private static readonly TimeSpan OthersDueIn = TimeSpan.FromDays(14);

    private ThrowawayCluster? _cluster;
    private TimerInbox? _inbox;
    private ConversationId[] _due = [];
    private InboundMessage[] _contactMessages = [];
    private int _iteration;

    [GlobalSetup(Targets = [nameof(CloseAsync), nameof(AutoClosePass)])]
    public void CreateEngine() => StartServer(autoCloseAfter: null);

    [GlobalSetup(Targets = [nameof(ContactMessages), nameof(SnoozeEndPass)])]
    public void OpenSnoozers()
    {
        StartServer(autoCloseAfter: null);
        _due = _inbox!.OpenAsync("snoozer", Due).GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(OnlyTheDueArmed))]
    public void OpenOthersUnarmed() => OpenMany(armOthers: false);

    [GlobalSetup(Target = nameof(AllArmed))]
    public void OpenOthersArmed() => OpenMany(armOthers: true);

    [IterationSetup(Targets = [nameof(CloseAsync), nameof(AutoClosePass)])]
    public void ArmAutoCloses()
    {
        _due = _inbox!.OpenAnsweredAsync($"silent-{++_iteration}", Due).GetAwaiter().GetResult();
        _inbox.Clock.Advance(TimerInbox.AutoCloseAfter);
    }

    [IterationSetup(Targets = [nameof(ContactMessages), nameof(SnoozeEndPass), nameof(OnlyTheDueArmed), nameof(AllArmed)])]
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
    public void StopServer()
    {
        _inbox?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Due)]
    [BenchmarkCategory(AutoClose)]
    public Task CloseAsync() => _inbox!.CloseAsync(_due);

    [Benchmark(OperationsPerInvoke = Due)]
    [BenchmarkCategory(AutoClose)]
    public Task AutoClosePass() => _inbox!.PassAsync(Due);

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

    [Benchmark(OperationsPerInvoke = Due)]
    [BenchmarkCategory(SnoozeEnd)]
    public Task SnoozeEndPass() => _inbox!.PassAsync(Due);

    /// <summary>10,000 open conversations, only the 100 due armed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(ManyArmed)]
    public Task OnlyTheDueArmed() => _inbox!.PassAsync(Due);

    /// <summary>10,000 open conversations, all armed, 100 due.</summary>
    [Benchmark]
    [BenchmarkCategory(ManyArmed)]
    public Task AllArmed() => _inbox!.PassAsync(Due);

    /// <summary>
    /// 9,900 conversations opened by eight callers, each answered by an agent (<paramref name="armOthers"/>: its
    /// auto-close due in 14 days) or sent a second contact message (no timer); then the 100 to snooze.
    /// </summary>
    private void OpenMany(bool armOthers)
    {
        StartServer(OthersDueIn);
        const int Share = (Conversations - Due) / SetupCallers;
        Task.WhenAll(Enumerable.Range(0, SetupCallers).Select(caller => Task.Run(async () =>
        {
            var prefix = $"waiting-{caller}";
            if (armOthers)
            {
                await _inbox!.OpenAnsweredAsync(prefix, Share);
            }
            else
            {
                await _inbox!.OpenAsync(prefix, Share);
                await _inbox.FollowUpAsync(prefix, Share);
            }
        }))).GetAwaiter().GetResult();
        _due = _inbox!.OpenAsync("snoozer", Due).GetAwaiter().GetResult();
    }

    private void StartServer(TimeSpan? autoCloseAfter)
    {
        _cluster = ThrowawayCluster.StartAsync().GetAwaiter().GetResult();
        var connectionString = _cluster.CreateDatabaseAsync("timers", maxPoolSize: 2 * SetupCallers).GetAwaiter().GetResult();
        _inbox = TimerInbox.CreateAsync(autoCloseAfter, builder => builder.UsePostgreSql(connectionString, options => options.Schema = "timers"))
            .GetAwaiter().GetResult();
    }
}
