using Microsoft.Extensions.Logging;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>The adapter's log messages: schema names, versions and ids, never message content or contact addresses.</summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} migrated to version {Version}")]
    public static partial void MigrationApplied(ILogger logger, string schema, int version);
}
