using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace InboundConversations.Hosting.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports the timers made on it: the service's wait between passes is one, so a
/// test knows when a pass has ended and the wait begun before it advances the clock (no race, no sleep), and whether
/// an advance fired a timer (the count changes inside <see cref="FakeTimeProvider.Advance"/>).
/// </summary>
internal sealed class TickingClock : FakeTimeProvider
{
    /// <summary>When every clock starts.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Channel<TimeSpan> _made = Channel.CreateUnbounded<TimeSpan>();
    private int _timersMade;
    private int _timersFired;

    public TickingClock()
        : base(Origin)
    {
    }

    /// <summary>Timers made so far.</summary>
    public int TimersMade => Volatile.Read(ref _timersMade);

    /// <summary>Timer callbacks run so far.</summary>
    public int TimersFired => Volatile.Read(ref _timersFired);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _timersFired);
                callback(s);
            },
            state, dueTime, period);
        Interlocked.Increment(ref _timersMade);
        _made.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until the next timer is made (the service has begun a wait) and returns its due time.</summary>
    public Task<TimeSpan> NextTimerAsync() => _made.Reader.ReadAsync().AsTask().WaitAsync(Patience.Limit);
}
