using InboundConversations.PostgreSql;
using InboundConversations.PostgreSql.Internal;
using InboundConversations.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Stores the inbox in PostgreSQL: <c>services.AddInboundConversations().UsePostgreSql(connectionString)</c>.</summary>
public static class PostgreSqlBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory conversation store, agent directory and contact store with PostgreSQL ones over a data
    /// source the adapter creates from <paramref name="connectionString"/> (and disposes with the host's services),
    /// with the default <see cref="PostgreSqlOptions"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string; its pool is this process's.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid connection string.</exception>
    public static IInboundConversationsBuilder UsePostgreSql(this IInboundConversationsBuilder builder, string connectionString) =>
        builder.UsePostgreSql(connectionString, configure: null);

    /// <summary>
    /// Replaces the in-memory conversation store, agent directory and contact store with PostgreSQL ones over the
    /// host's <paramref name="dataSource"/> (which the host keeps and disposes), with the default <see cref="PostgreSqlOptions"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The host's data source (its pool, its logging, its type mappings).</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder UsePostgreSql(this IInboundConversationsBuilder builder, NpgsqlDataSource dataSource) =>
        builder.UsePostgreSql(dataSource, configure: null);

    /// <summary>
    /// Replaces the in-memory conversation store, agent directory and contact store with PostgreSQL ones over a data
    /// source the adapter creates from <paramref name="connectionString"/> (and disposes with the host's services).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string; its pool is this process's.</param>
    /// <param name="configure">Adjusts the <see cref="PostgreSqlOptions"/> (validated when the host starts); <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid connection string.</exception>
    public static IInboundConversationsBuilder UsePostgreSql(
        this IInboundConversationsBuilder builder, string connectionString, Action<PostgreSqlOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        return builder.UsePostgreSql(sp => NpgsqlDataSource.Create(connectionString), ownsDataSource: true, configure);
    }

    /// <summary>
    /// Replaces the in-memory conversation store, agent directory and contact store with PostgreSQL ones over the
    /// host's <paramref name="dataSource"/> (which the host keeps and disposes).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The host's data source (its pool, its logging, its type mappings).</param>
    /// <param name="configure">Adjusts the <see cref="PostgreSqlOptions"/> (validated when the host starts); <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder UsePostgreSql(
        this IInboundConversationsBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSql(_ => dataSource, ownsDataSource: false, configure);
    }

    private static IInboundConversationsBuilder UsePostgreSql(
        this IInboundConversationsBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, bool ownsDataSource, Action<PostgreSqlOptions>? configure)
    {
        var services = builder.Services;
        var options = services.AddOptions<PostgreSqlOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlOptions>, PostgreSqlOptionsValidator>());
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            // The options first: an invalid schema fails before a data source exists that nothing would dispose.
            var validated = sp.GetRequiredService<IOptions<PostgreSqlOptions>>().Value;
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("InboundConversations.PostgreSql");
            return new PostgreSqlDatabase(dataSource(sp), validated, logger, ownsDataSource);
        }));
        services.Replace(ServiceDescriptor.Singleton<IConversationStore>(sp => new PostgreSqlConversationStore(sp.GetRequiredService<PostgreSqlDatabase>())));
        services.Replace(ServiceDescriptor.Singleton<IAgentDirectory>(sp => new PostgreSqlAgentDirectory(sp.GetRequiredService<PostgreSqlDatabase>())));
        services.Replace(ServiceDescriptor.Singleton<IContactStore>(sp => new PostgreSqlContactStore(sp.GetRequiredService<PostgreSqlDatabase>())));
        return builder;
    }
}
