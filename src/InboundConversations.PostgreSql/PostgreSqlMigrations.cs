using InboundConversations.PostgreSql.Internal;
using Npgsql;

namespace InboundConversations.PostgreSql;

/// <summary>
/// The schema the adapter needs, as versioned SQL scripts shipped in the package. Applying them is idempotent and
/// safe when several processes start at once: they take turns under a PostgreSQL advisory lock, and each script runs
/// in one transaction with the row that records it. Migrations only add, so a schema newer than the package is accepted.
/// </summary>
public static class PostgreSqlMigrations
{
    /// <summary>The newest schema version this package ships (and needs).</summary>
    public static int LatestVersion => Migration.All.Count;

    /// <summary>Creates the schema if missing and applies the migrations it lacks, in order.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schema">The schema (<see cref="PostgreSqlOptions.Schema"/>).</param>
    /// <param name="cancellationToken">Cancels the call; a migration interrupted by it is rolled back whole.</param>
    /// <returns>The versions this call applied, ascending; empty when the schema was already up to date.</returns>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a valid schema name.</exception>
    public static async Task<IReadOnlyList<int>> ApplyAsync(
        NpgsqlDataSource dataSource, string schema = PostgreSqlOptions.DefaultSchema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var quoted = SchemaName.Quote(schema);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Up to date (every start but the first of a version): a read, no lock, no DDL, so a runtime role needs no
        // CREATE privilege once the schema is in place.
        if (await ReadVersionIfAnyAsync(connection, quoted, cancellationToken).ConfigureAwait(false) >= LatestVersion)
        {
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Held until the transaction ends: a second process waits here, then finds the work done.
        await ExecuteAsync(connection, "select pg_advisory_xact_lock($1)", cancellationToken, LockKey(schema)).ConfigureAwait(false);
        if (!await SchemaExistsAsync(connection, schema, cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, $"create schema {quoted}", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            connection,
            $"create table if not exists {quoted}.schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())",
            cancellationToken).ConfigureAwait(false);
        var current = await ReadVersionAsync(connection, quoted, cancellationToken).ConfigureAwait(false);

        var applied = new List<int>();
        foreach (var migration in Migration.All.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, migration.SqlFor(quoted), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection, $"insert into {quoted}.schema_migrations (version, name) values ($1, $2)", cancellationToken, migration.Version, migration.Name)
                .ConfigureAwait(false);
            applied.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>Reads the schema's version: the newest migration applied to it, 0 when it has none.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schema">The schema (<see cref="PostgreSqlOptions.Schema"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a valid schema name.</exception>
    public static async Task<int> GetVersionAsync(
        NpgsqlDataSource dataSource, string schema = PostgreSqlOptions.DefaultSchema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var quoted = SchemaName.Quote(schema);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersionIfAnyAsync(connection, quoted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema's version, 0 if it has no migrations table (or no schema) yet.</summary>
    private static async Task<int> ReadVersionIfAnyAsync(NpgsqlConnection connection, string quoted, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("select to_regclass($1) is not null", connection);
        exists.Parameters.AddWithValue($"{quoted}.schema_migrations");
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!
            ? await ReadVersionAsync(connection, quoted, cancellationToken).ConfigureAwait(false)
            : 0;
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, string quoted, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(version), 0) from {quoted}.schema_migrations", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select exists (select 1 from pg_namespace where nspname = $1)", connection);
        command.Parameters.AddWithValue(schema);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stable 64-bit key per schema (FNV-1a), so inboxes in two schemas do not wait for each other.</summary>
    private static long LockKey(string schema) =>
        unchecked((long)StableHash.Append(StableHash.Empty, "InboundConversations.PostgreSql.Migrations:" + schema));
}
