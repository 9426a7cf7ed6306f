using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Hosting.Internal;

/// <summary>
/// Runs <see cref="IConversationEngine.ProcessDueAsync"/> when the host starts and then <paramref name="interval"/>
/// after each pass ends, so passes never overlap. Waits on the library's <see cref="TimeProvider"/> (a fake clock
/// drives it in tests). A pass that throws is logged with its exception's type and the loop goes on; the host's
/// stopping token ends a pass or a wait, and the loop returns without an exception.
/// </summary>
internal sealed class BackgroundProcessingService(IConversationEngine engine, TimeProvider clock, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HostingLog.Started(logger, interval);
        try
        {
            while (true)
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Whatever a pass in flight throws once the host is stopping (a store being disposed, say) ends the service quietly.
        catch (Exception) when (stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            // The host is stopping: work not reached waits for the next process's passes.
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        ProcessDueResult result;
        try
        {
            result = await engine.ProcessDueAsync(stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing pass must not end the loop: the store may be down for a while; the next pass tries again.
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            // The type only: an exception's message may quote content or a connection string.
            HostingLog.PassFailed(logger, exception.GetType().Name, interval);
            return;
        }

        if (DidSomething(result))
        {
            var elapsed = clock.GetElapsedTime(started);
            HostingLog.PassDone(
                logger, elapsed, result.TimersFired, result.TimersSkipped, result.TimersFailed, result.RunsResumed,
                result.QueuedRunsEnded, result.LeftoverReservationsReleased, result.QueuedConversationsAssigned, result.FailedSteps);
        }
    }

    private static bool DidSomething(ProcessDueResult result) =>
        result.TimersFired + result.TimersSkipped + result.TimersFailed + result.RunsResumed + result.QueuedRunsEnded
        + result.LeftoverReservationsReleased + result.QueuedConversationsAssigned + result.FailedSteps > 0;
}
