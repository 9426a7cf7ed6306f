using InboundConversations.PostgreSql.Internal;

namespace InboundConversations.PostgreSql;

/// <summary>
/// Options of the PostgreSQL adapter: <c>UsePostgreSql(…, options => …)</c>, or bound,
/// <c>services.Configure&lt;PostgreSqlOptions&gt;(configuration.GetSection("InboundConversations:PostgreSql"))</c>.
/// Validated when the host starts (or when a store is first resolved); a bad value stops it with an
/// <c>OptionsValidationException</c> naming the option.
/// </summary>
public sealed class PostgreSqlOptions
{
    /// <summary>The default <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "inbound_conversations";

    /// <summary>
    /// The database schema that holds the adapter's tables (created if missing). Lower-case letters, digits and
    /// underscores, starting with a letter or an underscore, at most 63 characters. Default
    /// <c>inbound_conversations</c>. Two inboxes can share a database in two schemas.
    /// </summary>
    [SchemaName]
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// True (the default): before this process's first database call, the adapter applies the migrations the
    /// package ships that the schema lacks, under a database lock, so processes starting at once apply each migration
    /// once. False: the host applies them itself (<see cref="PostgreSqlMigrations.ApplyAsync"/>, say in a deployment
    /// step) and the adapter only checks that the schema is at the version it needs.
    /// </summary>
    public bool ApplyMigrations { get; set; } = true;
}
