using System.Collections.Concurrent;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Serializes the engine's work for the contacts that hash to it, and holds their events until delivered, in the
/// order the changes were stored.
/// </summary>
internal sealed class ContactGate
{
    private int _draining;

    /// <summary>Held while a change is stored and its events are queued.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Events stored but not yet delivered, in store order.</summary>
    public ConcurrentQueue<ConversationEvent> Pending { get; } = new();

    /// <summary>Claims the right to deliver this gate's events; only one caller holds it at a time.</summary>
    public bool TryBeginDelivery() => Interlocked.CompareExchange(ref _draining, 1, 0) == 0;

    /// <summary>Gives the right to deliver back.</summary>
    public void EndDelivery() => Volatile.Write(ref _draining, 0);
}
