namespace InboundConversations.Demo.Simulation;

/// <summary>
/// The library's clock during the demo: time moves only when the simulation moves it, so every run with the same
/// seed prints the same times. Timestamps follow the simulated time too, so the run records' step durations are
/// simulated (zero: a step takes no simulated time). The library's durable timers (queue timeout, auto-close, snooze
/// end) come due on this clock and fire when the simulation's background pass calls
/// <see cref="IConversationEngine.ProcessDueAsync"/>. The step time limit still runs on real time: a safety net for a
/// step that hangs, which the demo's steps never do.
/// </summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;


    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    /// <summary>Moves the clock forward to <paramref name="moment"/>; the clock never goes back.</summary>
    public void AdvanceTo(DateTimeOffset moment)
    {
        if (moment < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(moment), moment, $"The simulated clock is already at {_now:O}.");
        }

        _now = moment;
    }
}
