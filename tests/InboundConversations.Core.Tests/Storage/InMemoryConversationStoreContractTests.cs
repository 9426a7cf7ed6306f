using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

/// <summary>The shipped in-memory store keeps every promise of the storage contract.</summary>
public sealed class InMemoryConversationStoreContractTests : ConversationStoreContract
{
    protected override IConversationStore CreateStore() => new InMemoryConversationStore();

    // The store has no unique index to refuse the row: the test-only loader (internal, visible to this project)
    // writes it as it is, and the corruption test sees the store report two open conversations.
    protected override ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation)
    {
        ((InMemoryConversationStore)store).Import(conversation);
        return ValueTask.FromResult(true);
    }
}
