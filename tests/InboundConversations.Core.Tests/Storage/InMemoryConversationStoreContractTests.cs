using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

/// <summary>The shipped in-memory store keeps every promise of the storage contract.</summary>
public sealed class InMemoryConversationStoreContractTests : ConversationStoreContract
{
    protected override IConversationStore CreateStore() => new InMemoryConversationStore();

    protected override ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation)
    {
        ((InMemoryConversationStore)store).Import(conversation);
        return ValueTask.FromResult(true);
    }
}
