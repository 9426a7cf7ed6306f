using InboundConversations.Storage;
using InboundConversations.Storage.InMemory;

namespace InboundConversations.Tests.Support;

/// <summary>A host's own store, as far as the DI tests care: an in-memory store of its own that counts its writes.</summary>
public sealed class CountingConversationStore : IConversationStore
{
    private readonly InMemoryConversationStore _inner = new();
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _inner.AppendInboundAsync(append, cancellationToken);
    }

    public ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _inner.OpenAsync(conversation, cancellationToken);
    }

    public ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _inner.AppendOutboundAsync(message, cancellationToken);
    }

    public ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _inner.UpdateAsync(conversation, cancellationToken);
    }

    public ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        _inner.FindAsync(workspace, conversationId, cancellationToken);

    public ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        _inner.FindOpenAsync(workspace, contact, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        _inner.ListByContactAsync(workspace, contact, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        _inner.ListMessagesAsync(workspace, conversationId, cancellationToken);
}
