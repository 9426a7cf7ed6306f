namespace InboundConversations.Testing;

/// <summary>
/// Decides, call by call, what the fault-injecting wrappers (<see cref="FaultInjectingConversationStore"/>,
/// <see cref="FaultInjectingAgentDirectory"/>, <see cref="FaultInjectingContactStore"/>) do: pass through, fail
/// transiently, delay, or fail after commit; and counts what it decided. One plan may drive several wrappers.
/// </summary>
/// <remarks>
/// <para><b>Deterministic for a seed.</b> Decisions come from one <see cref="Random"/> seeded with <see cref="Seed"/>,
/// drawn under a lock in call order: the same sequence of calls gets the same faults. Concurrent callers share the
/// stream, so which of two racing calls gets which decision follows the scheduler; the rates, and a sequential
/// replay, do not.</para>
/// <para><b>Order of precedence.</b> <see cref="Override"/> first (a non-null answer wins), then a disabled plan
/// passes everything, then per-operation rates (<see cref="SetRates"/>), then <see cref="Writes"/> or
/// <see cref="Reads"/>. Reads get no faults unless <see cref="Reads"/> or an operation's rates say so.</para>
/// <para><b>Delays</b> are bursts of 1 to <see cref="MaxDelayYields"/> <see cref="Task.Yield"/>s, not timers: they
/// let concurrent callers overtake the delayed one without wall-clock time, so a test stays fast and does not
/// depend on a <see cref="TimeProvider"/> being advanced.</para>
/// Thread-safe.
/// </remarks>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly Dictionary<string, FaultRates> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FaultTally> _byOperation = new(StringComparer.Ordinal);
    private FaultRates _writes;
    private FaultRates _reads;
    private FaultTally _total;
    private volatile bool _enabled = true;

    /// <summary>Creates a plan.</summary>
    /// <param name="seed">The seed of every decision: print it with a failure so the run replays.</param>
    /// <param name="writes">The rates for every write; none by default.</param>
    public FaultPlan(int seed, FaultRates writes = default)
    {
        Seed = seed;
        _random = new Random(seed);
        _writes = writes.Validate();
    }

    /// <summary>The seed the plan was created with.</summary>
    public int Seed { get; }

    /// <summary>The rates for writes with no rates of their own.</summary>
    public FaultRates Writes
    {
        get { lock (_lock) { return _writes; } }
        set { value.Validate(); lock (_lock) { _writes = value; } }
    }

    /// <summary>The rates for reads with no rates of their own; <see cref="FaultRates.None"/> by default.</summary>
    public FaultRates Reads
    {
        get { lock (_lock) { return _reads; } }
        set { value.Validate(); lock (_lock) { _reads = value; } }
    }

    /// <summary>
    /// False makes every call pass through (an outage is over; faults stop so that recovery can be checked).
    /// <see cref="Override"/> still applies. Calls are still counted.
    /// </summary>
    public bool IsEnabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>
    /// Decides before any rate: a non-null answer is the decision, <see langword="null"/> leaves it to the rates.
    /// For targeted faults (fail every write from now on, fail the third run update). Called under the plan's lock:
    /// keep it short, and never call the plan from it.
    /// </summary>
    public Func<FaultCall, FaultKind?>? Override { get; set; }

    /// <summary>The most <see cref="Task.Yield"/>s a <see cref="FaultKind.Delay"/> makes; 8 by default.</summary>
    public int MaxDelayYields { get; init; } = 8;

    /// <summary>What was decided so far, over every call.</summary>
    public FaultTally Total
    {
        get { lock (_lock) { return _total; } }
    }

    /// <summary>What was decided so far, by <see cref="FaultCall.Name"/> (only operations called at least once).</summary>
    public IReadOnlyDictionary<string, FaultTally> ByOperation
    {
        get { lock (_lock) { return new Dictionary<string, FaultTally>(_byOperation, StringComparer.Ordinal); } }
    }

    /// <summary>Sets the rates of one operation, overriding <see cref="Writes"/> and <see cref="Reads"/> for it.</summary>
    /// <param name="operation">The <see cref="FaultCall.Name"/>, e.g. <c>IAgentDirectory.ReserveAsync</c>.</param>
    /// <param name="rates">Its rates; <see cref="FaultRates.None"/> exempts it.</param>
    /// <returns>This plan.</returns>
    public FaultPlan SetRates(string operation, FaultRates rates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        rates.Validate();
        lock (_lock)
        {
            _rates[operation] = rates;
        }

        return this;
    }

    /// <summary>Decides what happens to <paramref name="call"/>, and counts it.</summary>
    /// <param name="call">The call about to be made.</param>
    /// <returns>The decision.</returns>
    public FaultKind Decide(FaultCall call)
    {
        lock (_lock)
        {
            var kind = Override?.Invoke(call) ?? (_enabled ? Draw(call) : FaultKind.None);
            _total = _total.Add(kind);
            _byOperation[call.Name] = _byOperation.GetValueOrDefault(call.Name).Add(kind);
            return kind;
        }
    }

    /// <summary>Waits as a <see cref="FaultKind.Delay"/> does: a seeded number of <see cref="Task.Yield"/>s.</summary>
    /// <returns>A task that completes after the yields.</returns>
    public async ValueTask DelayAsync()
    {
        int yields;
        lock (_lock)
        {
            yields = 1 + _random.Next(Math.Max(1, MaxDelayYields));
        }

        for (var i = 0; i < yields; i++)
        {
            await Task.Yield();
        }
    }

    private FaultKind Draw(FaultCall call)
    {
        var rates = _rates.TryGetValue(call.Name, out var own) ? own : call.IsWrite ? _writes : _reads;
        if (rates == FaultRates.None)
        {
            return FaultKind.None;
        }

        var draw = _random.NextDouble();
        if (draw < rates.Transient)
        {
            return FaultKind.Transient;
        }

        if (draw < rates.Transient + rates.Delay)
        {
            return FaultKind.Delay;
        }

        return draw < rates.Transient + rates.Delay + rates.FailAfterCommit ? FaultKind.FailAfterCommit : FaultKind.None;
    }
}
