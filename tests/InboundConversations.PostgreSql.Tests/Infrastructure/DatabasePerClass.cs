using System.Collections.Concurrent;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Infrastructure;

/// <summary>
/// One database per test class, created the first time a test of the class asks, with one data source that every
/// store of the class shares (xunit builds a class instance per test; the database outlives them all).
/// </summary>
/// <typeparam name="TTests">The test class that owns the database.</typeparam>
internal static class DatabasePerClass<TTests>
{
    private static readonly ConcurrentDictionary<PostgreSqlServer, Lazy<Task<NpgsqlDataSource>>> DataSources = new();
    private static int s_schemas;

    /// <summary>The class's data source on <paramref name="server"/>; blocks while the database is created (tests only).</summary>
    public static NpgsqlDataSource Get(PostgreSqlServer server, string prefix) =>
        DataSources.GetOrAdd(server, s => new Lazy<Task<NpgsqlDataSource>>(async () => NpgsqlDataSource.Create(await s.CreateDatabaseAsync(prefix, maxPoolSize: 80).ConfigureAwait(false))))
            .Value.GetAwaiter().GetResult();

    /// <summary>A new schema in the class's database, migrated, named <paramref name="prefix"/>_N; blocks (tests only).</summary>
    public static string NewSchema(PostgreSqlServer server, string database, string prefix)
    {
        var schema = $"{prefix}_{Interlocked.Increment(ref s_schemas)}";
        PostgreSqlMigrations.ApplyAsync(Get(server, database), schema).GetAwaiter().GetResult();
        return schema;
    }
}
