using System.Reflection;
using InboundConversations.Testing;

namespace InboundConversations.PostgreSql.Tests;

/// <summary>Every port the PostgreSQL adapter implements has its contract suite run in this project.</summary>
public sealed class PostgreSqlStorageContractCoverage : StorageContractCoverage
{
    protected override Assembly AdapterAssembly => typeof(PostgreSqlConversationStore).Assembly;
}
