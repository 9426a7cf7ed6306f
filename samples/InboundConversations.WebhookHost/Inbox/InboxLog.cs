
namespace InboundConversations.WebhookHost.Inbox;

/// <summary>The host's log messages: ids, counts and states only, never message text or contact addresses.</summary>
internal static partial class InboxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registered {AgentCount} agents from configuration")]
    public static partial void AgentsRegistered(ILogger logger, int agentCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Resumed {RunCount} unfinished workflow runs")]
    public static partial void WorkflowsResumed(ILogger logger, int runCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Resuming workflow runs failed ({ExceptionType}); trying again at the next tick")]
    public static partial void ResumeFailed(ILogger logger, string exceptionType);
}
