using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

/// <summary>The shipped in-memory agent directory keeps every promise of the agent directory contract.</summary>
public sealed class InMemoryAgentDirectoryContractTests : AgentDirectoryContract
{
    protected override IAgentDirectory CreateDirectory() => new InMemoryAgentDirectory();
}
