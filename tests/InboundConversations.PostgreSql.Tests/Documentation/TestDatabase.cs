using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.PostgreSql.Throwaway;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Documentation;

/// <summary>
/// The README's <c>TestDatabase</c> (StorageAdapterExample.cs): one database for the README's
/// storage-adapter example, migrated, as an xunit collection fixture. It starts a throwaway cluster of its own: an
/// xunit 2 fixture cannot take the run's <see cref="PostgreSqlServer"/>.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private ThrowawayCluster? _cluster;
    private NpgsqlDataSource? _dataSource;

    /// <summary>The database, its schema (<see cref="PostgreSqlOptions.DefaultSchema"/>) migrated.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _cluster = await ThrowawayCluster.StartAsync();
        _dataSource = NpgsqlDataSource.Create(await _cluster.CreateDatabaseAsync("readme", maxPoolSize: 80));
        await PostgreSqlMigrations.ApplyAsync(_dataSource);
    }

    /// <summary>Inserts the conversation's row as it is, past the adapter's checks.</summary>
    public Task InsertConversationRowAsync(Conversation conversation) =>
        RawRows.InsertConversationAsync(DataSource, PostgreSqlOptions.DefaultSchema, conversation);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The README example's test classes, which share one <see cref="TestDatabase"/>.</summary>
[CollectionDefinition(nameof(TestDatabase))]
public sealed class TestDatabaseCollection : ICollectionFixture<TestDatabase>;
