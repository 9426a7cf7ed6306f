using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using InboundConversations.Benchmarks.Setup;
using InboundConversations.PostgreSql.Throwaway;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Benchmarks.PostgreSql;

/// <summary>
/// The append and the full cycle on the PostgreSQL adapter, against a throwaway local cluster (127.0.0.1, durability
/// off: fsync and synchronous commit, so what is measured is the adapter's statements and round trips, not the disk).
/// The same engine and workflow as the in-memory benchmarks (keyword enrichment → rule routing → least-open
/// assignment, a billing team of 10 online agents). Every iteration starts from a fresh schema, so rows never pile up
/// across iterations; Mean and Allocated are per message (append) or per conversation (cycle).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class PostgreSqlBenchmarks
{
    /// <summary>Conversations per iteration.</summary>
    public const int Conversations = 500;

    private const int Callers = 8;

    private ThrowawayCluster? _cluster;
    private string _connectionString = string.Empty;
    private int _schemas;
    private ContactId[] _contacts = [];
    private InboundMessage[] _messages = [];
    private EngineInbox? _engine;

    [GlobalSetup]
    public void StartServer()
    {
        _cluster = ThrowawayCluster.StartAsync().GetAwaiter().GetResult();
        _connectionString = _cluster.CreateDatabaseAsync("benchmarks", maxPoolSize: 2 * Callers).GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(Append), nameof(AppendFromEightCallers)])]
    public void OpenConversations()
    {
        var iteration = FreshEngine();
        _contacts = Enumerable.Range(0, Conversations).Select(i => new ContactId($"contact-{iteration}-{i:D5}")).ToArray();
        _engine!.OpenAsync(_contacts).GetAwaiter().GetResult();
        WarmPool();
        var sentAt = DateTimeOffset.UtcNow;
        _messages = _contacts.Select((contact, i) => Workload.Inbound(contact, $"follow-up-{i}", Workload.FollowUp, sentAt)).ToArray();
    }

    [IterationSetup(Target = nameof(FullCycle))]
    public void PrepareCycles()
    {
        var iteration = FreshEngine();
        var sentAt = DateTimeOffset.UtcNow;
        _messages = Enumerable.Range(0, Conversations)
            .Select(i => Workload.Inbound(new ContactId($"contact-{iteration}-{i:D5}"), $"cycle-{i}", Workload.FirstMessage, sentAt))
            .ToArray();
    }

    [GlobalCleanup]
    public void StopServer()
    {
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One message to an open conversation, one caller at a time.</summary>
    [Benchmark(OperationsPerInvoke = Conversations)]
    public async Task Append()
    {
        var engine = _engine!.Engine;
        foreach (var message in _messages)
        {
            await engine.ReceiveAsync(message);
        }
    }

    /// <summary>The same messages from eight concurrent callers (as webhook requests arrive), each taking an eighth.</summary>
    [Benchmark(OperationsPerInvoke = Conversations)]
    public Task AppendFromEightCallers()
    {
        var engine = _engine!.Engine;
        var share = Conversations / Callers;
        return Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller * share; i < (caller + 1) * share; i++)
            {
                await engine.ReceiveAsync(_messages[i]);
            }
        })));
    }

    /// <summary>First message → enrichment → routing → least-open assignment → the agent's reply → the agent's close.</summary>
    [Benchmark(OperationsPerInvoke = Conversations)]
    public async Task FullCycle()
    {
        foreach (var first in _messages)
        {
            await _engine!.CycleAsync(first);
        }
    }

    /// <summary>
    /// Opens <see cref="Callers"/> pooled connections and uses each once, so both append benchmarks start with warm
    /// backends (a new PostgreSQL backend forks and fills its catalog caches on first use): the measurement is the
    /// steady state, not connection start-up.
    /// </summary>
    private void WarmPool()
    {
        var engine = _engine!.Engine;
        Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; i < Conversations; i += Callers)
            {
                await engine.FindOpenConversationAsync(_contacts[i]);
            }
        }))).GetAwaiter().GetResult();
    }

    /// <summary>A new engine over a new schema (migrated and its agents registered before measuring); returns the iteration's number.</summary>
    private int FreshEngine()
    {
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var iteration = ++_schemas;
        _engine = EngineInbox.CreateAsync(agents: 10, capacity: 1_000, storage: builder =>
            builder.UsePostgreSql(_connectionString, options => options.Schema = $"bench_{iteration}")).GetAwaiter().GetResult();
        return iteration;
    }
}
