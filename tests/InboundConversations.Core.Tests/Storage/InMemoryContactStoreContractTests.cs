using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

/// <summary>The shipped in-memory contact store keeps every promise of the contact store contract.</summary>
public sealed class InMemoryContactStoreContractTests : ContactStoreContract
{
    protected override IContactStore CreateStore() => new InMemoryContactStore();
}
