
namespace InboundConversations.WebhookHost.Inbox;

/// <summary>The host's log messages: ids, counts and states only, never message text or contact addresses.</summary>
internal static partial class InboxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registered {AgentCount} agents from configuration")]
    public static partial void AgentsRegistered(ILogger logger, int agentCount);
}
