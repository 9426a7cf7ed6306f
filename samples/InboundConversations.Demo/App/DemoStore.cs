using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Demo.App;

/// <summary>
/// Where the demo's inbox lives: the library's in-memory default, or (<c>--postgres</c>) a fresh schema of a
/// PostgreSQL database, named after the real time and six random hex digits so that a rerun never meets an earlier
/// run's rows. The demo creates the schema (the adapter's migrations do) and never drops it.
/// </summary>
internal sealed class DemoStore
{
    private DemoStore(string? connectionString, string? schema)
    {
        ConnectionString = connectionString;
        Schema = schema;
    }

    /// <summary>The in-memory default.</summary>
    public static DemoStore InMemory { get; } = new(null, null);

    /// <summary>The Npgsql connection string, or null for the in-memory default.</summary>
    public string? ConnectionString { get; }

    /// <summary>The PostgreSQL schema that holds this run's tables, or null for the in-memory default.</summary>
    public string? Schema { get; }

    /// <summary>How the header names the store.</summary>
    public string Description => Schema is null ? "the in-memory default" : "PostgreSQL";

    /// <summary>The line printed after the summary (and with a PostgreSQL error): the schema and how to remove it.</summary>
    public string? SchemaLine => Schema is null
        ? null
        : $"Stored in PostgreSQL, schema {Schema} (kept; to remove it: drop schema {Schema} cascade;)";

    /// <summary>The store the options ask for; a PostgreSQL one gets a new schema named from <paramref name="wallClock"/>.</summary>
    public static DemoStore For(DemoOptions options, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wallClock);
        return options.PostgreSql is { } connectionString
            ? new DemoStore(connectionString, NewSchemaName(wallClock.GetUtcNow()))
            : InMemory;
    }

    /// <summary><c>inbound_demo_yyyyMMdd_HHmmss_xxxxxx</c>: the UTC time and six random lower-case hex digits.</summary>
    public static string NewSchemaName(DateTimeOffset now) =>
        "inbound_demo_"
        + now.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)
        + "_" + RandomNumberGenerator.GetHexString(6, lowercase: true);

    /// <summary>Replaces the in-memory ports with PostgreSQL ones in this run's schema; the in-memory default changes nothing.</summary>
    public IInboundConversationsBuilder Use(IInboundConversationsBuilder inbox)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        return ConnectionString is null ? inbox : inbox.UsePostgreSql(ConnectionString, o => o.Schema = Schema!);
    }
}
