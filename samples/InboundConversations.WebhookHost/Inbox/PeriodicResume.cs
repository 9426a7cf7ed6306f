
namespace InboundConversations.WebhookHost.Inbox;

/// <summary>
/// Resumes workflow runs every minute while the host runs: a run a store failure interrupted is picked up once its
/// lease lapses, without waiting for a restart, and a queued run whose conversation left the queue is ended. Ticks
/// on the library's <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
internal sealed class PeriodicResume(IConversationEngine engine, TimeProvider clock, ILogger<PeriodicResume> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var resumed = await engine.ProcessDueAsync(stoppingToken);
                if (resumed.RunsResumed > 0)
                {
                    InboxLog.WorkflowsResumed(logger, resumed.RunsResumed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store may be down: log the type only (a message may quote content) and try again next tick.
                InboxLog.ResumeFailed(logger, exception.GetType().Name);
            }
        }
    }
}
