using System.Reflection;
using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

/// <summary>Every port the in-memory adapters implement has its contract suite run in this project.</summary>
public sealed class InMemoryStorageContractCoverage : StorageContractCoverage
{
    protected override Assembly AdapterAssembly => typeof(InMemoryConversationStore).Assembly;
}
