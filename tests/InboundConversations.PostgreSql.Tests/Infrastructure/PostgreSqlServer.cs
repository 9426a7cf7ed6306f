using InboundConversations.PostgreSql.Throwaway;

namespace InboundConversations.PostgreSql.Tests.Infrastructure;

/// <summary>The test run's throwaway PostgreSQL cluster (<see cref="ThrowawayCluster"/>), as an xunit collection fixture.</summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private ThrowawayCluster? _cluster;

    private ThrowawayCluster Cluster => _cluster ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _cluster = await ThrowawayCluster.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <param name="prefix">The start of the database's name (the cluster makes it unique).</param>
    /// <param name="maxPoolSize">The largest pool a data source over it may open.</param>
    public Task<string> CreateDatabaseAsync(string prefix, int maxPoolSize = 50) => Cluster.CreateDatabaseAsync(prefix, maxPoolSize);
}
