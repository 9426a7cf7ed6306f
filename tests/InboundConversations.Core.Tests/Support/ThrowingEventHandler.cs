namespace InboundConversations.Tests.Support;

/// <summary>An event handler that fails on every event, counting how often it was called.</summary>
public sealed class ThrowingEventHandler : IConversationEventHandler
{
    public const string FailureMessage = "handler failed on purpose";

    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        throw new InvalidOperationException(FailureMessage);
    }
}
