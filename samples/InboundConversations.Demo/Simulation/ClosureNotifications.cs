namespace InboundConversations.Demo.Simulation;

/// <summary>
/// What an agent's screen would show when the inbox closes a conversation by itself (an auto-close on the background
/// pass): it leaves their list. Fed by an <c>OnEvent</c> handler for <see cref="ConversationClosed"/>, keeping only the
/// closes by <see cref="ActorKind.System"/> (the simulation knows its agents' own closes); the simulation picks them up
/// after each step and ends the visit as an agent's close would.
/// </summary>
internal sealed class ClosureNotifications
{
    private readonly Queue<ConversationClosed> _pending = new();

    public ValueTask OnClosedAsync(ConversationClosed closed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (closed.Closure.ClosedBy.Kind == ActorKind.System)
        {
            _pending.Enqueue(closed);
        }

        return ValueTask.CompletedTask;
    }

    public bool TryTake(out ConversationClosed closed) => _pending.TryDequeue(out closed!);
}
