namespace InboundConversations.Demo.Simulation;

/// <summary>
/// The simulation's calendar: actions due at simulated moments, run in time order and, at the same moment, in the
/// order they were scheduled. Running an action first moves the clock to its moment.
/// </summary>
internal sealed class Agenda(SimulatedClock clock)
{
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, long Order)> _due = new();
    private long _scheduled;

    public void At(DateTimeOffset moment, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (moment < clock.GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(moment), moment, "An action cannot be scheduled in the simulated past.");
        }

        _due.Enqueue(action, (moment, _scheduled++));
    }

    public void After(TimeSpan delay, Func<Task> action) => At(clock.GetUtcNow() + delay, action);

    /// <summary>Runs the next action, if any.</summary>
    /// <returns>False when nothing is left to run.</returns>
    public async Task<bool> RunNextAsync()
    {
        if (!_due.TryDequeue(out var action, out var when))
        {
            return false;
        }

        clock.AdvanceTo(when.At);
        await action().ConfigureAwait(false);
        return true;
    }
}
