using System.Collections.Concurrent;

namespace InboundConversations.Tests.Support;

/// <summary>Records every event delivered to it, in delivery order.</summary>
public sealed class RecordingEventHandler : IConversationEventHandler
{
    private readonly ConcurrentQueue<ConversationEvent> _events = new();

    public IReadOnlyList<ConversationEvent> Events => _events.ToArray();

    public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(conversationEvent);
        return ValueTask.CompletedTask;
    }
}
