using Microsoft.Extensions.Logging;

namespace InboundConversations.Hosting.Internal;

/// <summary>The hosting package's log messages: counts, durations and exception types, never content or addresses.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Background processing started: a pass now, then {Interval} after each pass ends")]
    public static partial void Started(ILogger logger, TimeSpan interval);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Background processing pass failed ({ExceptionType}); the next pass runs in {Interval}")]
    public static partial void PassFailed(ILogger logger, string exceptionType, TimeSpan interval);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug,
        Message = "Background processing pass took {Elapsed}: {TimersFired} timers fired, {TimersSkipped} skipped, {TimersFailed} failed, {RunsResumed} runs resumed, {QueuedRunsEnded} queued runs ended, {LeftoversReleased} leftover reservations released, {QueuedAssigned} queued conversations assigned, {FailedSteps} steps failed")]
    public static partial void PassDone(
        ILogger logger, TimeSpan elapsed, int timersFired, int timersSkipped, int timersFailed, int runsResumed, int queuedRunsEnded, int leftoversReleased, int queuedAssigned, int failedSteps);
}
