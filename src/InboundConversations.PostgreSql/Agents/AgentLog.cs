using Microsoft.Extensions.Logging;

namespace InboundConversations.Storage.PostgreSql;

/// <summary>The agent directory's log messages: workspace, team and agent ids, never contact data.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Reservation in workspace {Workspace} for team {Team} was chosen as a deadlock victim and is retried (attempt {Attempt})")]
    public static partial void ReservationRetried(ILogger logger, string workspace, string team, int attempt);
}
