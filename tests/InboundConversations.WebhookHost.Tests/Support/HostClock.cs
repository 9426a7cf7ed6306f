using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace InboundConversations.WebhookHost.Tests.Support;

/// <summary>
/// The host's fake clock, which reports the timers made on it with their due times: the background processing's wait
/// between passes is one, so a test knows when a pass has ended before it advances the clock (no race, no sleep).
/// </summary>
internal sealed class HostClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _made = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _made.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer due in <paramref name="dueTime"/> is made (others, such as a step's timeout, are passed over).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _made.Reader.ReadAsync(patience.Token) != dueTime)
        {
        }
    }
}
