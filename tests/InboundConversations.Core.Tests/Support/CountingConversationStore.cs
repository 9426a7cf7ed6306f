using InboundConversations.Storage;

namespace InboundConversations.Tests.Support;

/// <summary>A host's own store, as far as the DI tests care: an in-memory store of its own that counts its writes.</summary>
public sealed class CountingConversationStore() : InstrumentedConversationStore(new InMemoryConversationStore());
