using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// What the adapter's stores share: the data source, the quoted schema, and the one-time schema check (or migration)
/// before the first database call of the process. Disposes the data source only if it created it.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private readonly bool _ownsDataSource;
    private readonly bool _applyMigrations;
    private readonly string _schema;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task? _ready;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, PostgreSqlOptions options, ILogger? logger = null, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        Schema = SchemaName.Quote(options.Schema);
        _schema = options.Schema;
        _applyMigrations = options.ApplyMigrations;
        DataSource = dataSource;
        _logger = logger ?? NullLogger.Instance;
        _ownsDataSource = ownsDataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema, quoted, for SQL text: <c>"inbound_conversations"</c>.</summary>
    public string Schema { get; }

    /// <summary>Opens a connection once the schema is ready (migrated or checked, once per process).</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ready = _ready;
        if (ready is not { IsCompletedSuccessfully: true })
        {
            await EnsureReady().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>For a host that disposes its service provider synchronously (a <c>using</c> in a test, say).</summary>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }
    }

    private Task EnsureReady()
    {
        lock (_gate)
        {
            // A failed attempt (the database was down, say) is retried by the next call.
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = PrepareAsync();
            }

            return _ready;
        }
    }

    private async Task PrepareAsync()
    {
        // Not the caller's token: callers waiting on the same preparation must not fail with another's cancellation.
        if (_applyMigrations)
        {
            var applied = await PostgreSqlMigrations.ApplyAsync(DataSource, _schema, CancellationToken.None).ConfigureAwait(false);
            foreach (var version in applied)
            {
                PostgreSqlLog.MigrationApplied(_logger, _schema, version);
            }

            return;
        }

        var current = await PostgreSqlMigrations.GetVersionAsync(DataSource, _schema, CancellationToken.None).ConfigureAwait(false);
        if (current < PostgreSqlMigrations.LatestVersion)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{_schema}' is at version {current}; this package needs version {PostgreSqlMigrations.LatestVersion}. " +
                $"Apply the migrations (PostgreSqlMigrations.ApplyAsync), or set {nameof(PostgreSqlOptions)}.{nameof(PostgreSqlOptions.ApplyMigrations)} to true.");
        }
    }
}
