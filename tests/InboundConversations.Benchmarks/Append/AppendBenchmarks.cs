using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using InboundConversations.Benchmarks.Peer;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.Append;

/// <summary>
/// Goal 1, 2 and 3b: an inbound message to an already open conversation, over 10,000 contacts, against the
/// hand-written floor (the baseline of each category) and the MassTransit saga peer. One invocation sends one
/// message to every contact (on 2 threads: each thread takes half of them), so Mean and Allocated are per message.
/// Every iteration starts from a fresh inbox with the 10,000 conversations open, so stored messages never pile up.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[InvocationCount(Rounds)]
public class AppendBenchmarks
{
    public const int ContactCount = 10_000;

    /// <summary>Invocations per iteration: each round sends one message to every contact.</summary>
    public const int Rounds = 16;

    private const string OneThread = "1 thread";
    private const string TwoThreads = "2 threads";

    private ContactId[] _contacts = [];
    private InboundMessage[][] _messages = [];
    private PeerContactMessage[][] _peerMessages = [];
    private int _round;
    private AppendFloor _floor = new();
    private EngineInbox? _engine;
    private PeerInbox? _peer;

    [GlobalSetup]
    public void BuildInputs()
    {
        _contacts = Workload.Contacts(ContactCount);
        _messages = Workload.FollowUps(_contacts, Rounds, "append");
        _peerMessages = _messages.Select(round => round.Select(PeerInbox.From).ToArray()).ToArray();
    }

    [IterationSetup(Targets = [nameof(Floor), nameof(FloorOnTwoThreads)])]
    public void OpenFloor()
    {
        _round = 0;
        _floor = new AppendFloor();
        foreach (var contact in _contacts)
        {
            _floor.Open(contact);
        }
    }

    [IterationSetup(Targets = [nameof(Engine), nameof(EngineOnTwoThreads)])]
    public void OpenEngine()
    {
        _round = 0;
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine = EngineInbox.CreateAsync(agents: 100, capacity: 100).GetAwaiter().GetResult();
        _engine.OpenAsync(_contacts).GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(MassTransitSaga), nameof(MassTransitSagaOnTwoThreads)])]
    public void OpenPeer()
    {
        _round = 0;
        _peer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer = new PeerInbox();
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < _contacts.Length; i++)
        {
            var first = PeerInbox.From(Workload.Inbound(_contacts[i], $"open-{i}", Workload.FirstMessage, sentAt));
            _peer.Mediator.Send(first).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory(OneThread), Benchmark(Baseline = true, OperationsPerInvoke = ContactCount)]
    public void Floor()
    {
        foreach (var message in NextRound(_messages))
        {
            _floor.Append(message);
        }
    }

    [BenchmarkCategory(OneThread), Benchmark(OperationsPerInvoke = ContactCount)]
    public async Task Engine()
    {
        var engine = _engine!.Engine;
        foreach (var message in NextRound(_messages))
        {
            await engine.ReceiveAsync(message);
        }
    }

    [BenchmarkCategory(OneThread), Benchmark(OperationsPerInvoke = ContactCount)]
    public async Task MassTransitSaga()
    {
        var mediator = _peer!.Mediator;
        foreach (var message in NextRound(_peerMessages))
        {
            await mediator.Send(message);
        }
    }

    [BenchmarkCategory(TwoThreads), Benchmark(Baseline = true, OperationsPerInvoke = ContactCount)]
    public Task FloorOnTwoThreads()
    {
        var round = NextRound(_messages);
        return OnTwoThreads(round, (messages, from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                _floor.Append(messages[i]);
            }

            return Task.CompletedTask;
        });
    }

    [BenchmarkCategory(TwoThreads), Benchmark(OperationsPerInvoke = ContactCount)]
    public Task EngineOnTwoThreads()
    {
        var engine = _engine!.Engine;
        return OnTwoThreads(NextRound(_messages), async (messages, from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                await engine.ReceiveAsync(messages[i]);
            }
        });
    }

    [BenchmarkCategory(TwoThreads), Benchmark(OperationsPerInvoke = ContactCount)]
    public Task MassTransitSagaOnTwoThreads()
    {
        var mediator = _peer!.Mediator;
        return OnTwoThreads(NextRound(_peerMessages), async (messages, from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                await mediator.Send(messages[i]);
            }
        });
    }

    private T[] NextRound<T>(T[][] rounds) =>
        _round < rounds.Length
            ? rounds[_round++]
            : throw new InvalidOperationException($"more than {Rounds} invocations in one iteration: the inputs would repeat as redeliveries");

    /// <summary>Each of two thread-pool threads sends to its half of the contacts; returns when both are done.</summary>
    private static Task OnTwoThreads<T>(T[] messages, Func<T[], int, int, Task> send)
    {
        var half = messages.Length / 2;
        return Task.WhenAll(
            Task.Run(() => send(messages, 0, half)),
            Task.Run(() => send(messages, half, messages.Length)));
    }
}
