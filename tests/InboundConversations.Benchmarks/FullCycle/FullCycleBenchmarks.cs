using BenchmarkDotNet.Attributes;
using InboundConversations.Benchmarks.Peer;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.FullCycle;

/// <summary>
/// Goal 3 and 3b: one whole conversation per invocation, each with a different contact. The engine: first message →
/// keyword enrichment → rule routing → least-open assignment (billing teams of 10, 1,000 and 10,000 online agents) →
/// the assigned agent's reply → the agent's close. The MassTransit saga peer (the baseline, so Ratio is ours/peer):
/// first message opens the saga → the agent's reply → close; it does no enrichment, routing or assignment at all.
/// Every iteration starts from a fresh inbox, so closed conversations never pile up.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Cycles)]
public class FullCycleBenchmarks
{
    /// <summary>Cycles per iteration, one per contact.</summary>
    public const int Cycles = 2_000;

    private InboundMessage[] _first = [];
    private PeerContactMessage[] _peerFirst = [];
    private PeerAgentReply[] _peerReplies = [];
    private PeerClose[] _peerCloses = [];
    private int _next;
    private EngineInbox? _engine;
    private PeerInbox? _peer;

    [Params(10, 1_000, 10_000)]
    public int Agents { get; set; }

    [GlobalSetup]
    public void BuildInputs()
    {
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var contacts = Workload.Contacts(Cycles);
        _first = contacts.Select((contact, i) => Workload.Inbound(contact, $"cycle-{i}", Workload.FirstMessage, sentAt)).ToArray();
        _peerFirst = _first.Select(PeerInbox.From).ToArray();
        _peerReplies = _peerFirst.Select(m => new PeerAgentReply(m.ContactKey, "agent-00000", Workload.Reply)).ToArray();
        _peerCloses = _peerFirst.Select(m => new PeerClose(m.ContactKey, "agent-00000", "resolved")).ToArray();
    }

    [IterationSetup(Target = nameof(Engine))]
    public void FreshEngine()
    {
        _next = 0;
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine = EngineInbox.CreateAsync(Agents, capacity: 10).GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(MassTransitSaga))]
    public void FreshPeer()
    {
        _next = 0;
        _peer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer = new PeerInbox();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task MassTransitSaga()
    {
        var i = _next++;
        var mediator = _peer!.Mediator;
        await mediator.Send(_peerFirst[i]);
        await mediator.Send(_peerReplies[i]);
        await mediator.Send(_peerCloses[i]);
    }

    [Benchmark]
    public Task Engine() => _engine!.CycleAsync(_first[_next++]);
}
