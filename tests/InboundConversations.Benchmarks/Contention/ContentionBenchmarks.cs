using BenchmarkDotNet.Attributes;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.Contention;

/// <summary>
/// Goal 4: 64 concurrent senders, each sending its messages one after another (awaiting each), to already open
/// conversations: all 64 to one contact, or each to its own contact. One invocation sends 64 × 50 messages, so Mean
/// and Allocated are per message. Every iteration starts from a fresh inbox.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Rounds)]
public class ContentionBenchmarks
{
    public const int Senders = 64;
    public const int MessagesPerSender = 50;
    public const int Rounds = 8;
    private const int MessagesPerInvocation = Senders * MessagesPerSender;

    private ContactId[] _contacts = [];
    private InboundMessage[][][] _messages = [];
    private int _round;
    private EngineInbox? _engine;

    /// <summary>How many contacts the 64 senders write to: 1 (all contend for one contact) or 64 (one each).</summary>
    [Params(1, 64)]
    public int Contacts { get; set; }

    [GlobalSetup]
    public void BuildInputs()
    {
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        _contacts = Workload.Contacts(Contacts);
        _messages = Enumerable.Range(0, Rounds).Select(round =>
            Enumerable.Range(0, Senders).Select(sender =>
                Enumerable.Range(0, MessagesPerSender).Select(k =>
                    Workload.Inbound(_contacts[sender % Contacts], $"contention-{round}-{sender}-{k}", Workload.FollowUp, sentAt)).ToArray()).ToArray()).ToArray();
    }

    [IterationSetup]
    public void FreshEngine()
    {
        _round = 0;
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine = EngineInbox.CreateAsync(agents: 10, capacity: 100).GetAwaiter().GetResult();
        _engine.OpenAsync(_contacts).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Dispose() => _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = MessagesPerInvocation)]
    public Task Engine()
    {
        var engine = _engine!.Engine;
        var round = _round < Rounds ? _messages[_round++] : throw new InvalidOperationException("inputs would repeat as redeliveries");
        var senders = new Task[Senders];
        for (var s = 0; s < Senders; s++)
        {
            var messages = round[s];
            senders[s] = Task.Run(async () =>
            {
                foreach (var message in messages)
                {
                    await engine.ReceiveAsync(message);
                }
            });
        }

        return Task.WhenAll(senders);
    }
}
