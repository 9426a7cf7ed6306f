namespace InboundConversations.Benchmarks.Setup;

/// <summary>
/// A clock the timer benchmarks move on by hand (between measurements) to make the timers they armed due; it reads
/// as cheaply as the system clock. Timers the engine creates through it are real ones (the base class's).
/// </summary>
public sealed class BenchmarkClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock on by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
