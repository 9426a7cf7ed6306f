namespace InboundConversations.PostgreSql.Tests.Infrastructure;

/// <summary>The tests that share the run's one throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL server";
}
