using InboundConversations.Internal.Diagnostics;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Delivers events to the registered handlers after the changes are stored, in store order per contact gate.
/// The caller that finds the gate idle delivers everything queued there, including events that its handlers'
/// own engine calls queue, so a handler may call back into the engine without deadlock.
/// </summary>
internal sealed class EventDispatcher(IReadOnlyList<IConversationEventHandler> handlers, ILogger logger)
{
    /// <summary>False when no handler is registered: the engine then queues nothing at all.</summary>
    public bool HasHandlers => handlers.Count > 0;

    /// <summary>Queues an event; call it while holding the gate's lock, right after the change is stored.</summary>
    public void Enqueue(ContactGate gate, ConversationEvent conversationEvent)
    {
        if (HasHandlers)
        {
            gate.Pending.Enqueue(conversationEvent);
        }
    }

    /// <summary>Delivers the gate's queued events unless another caller is already delivering them.</summary>
    public async ValueTask DeliverAsync(ContactGate gate)
    {
        while (!gate.Pending.IsEmpty && gate.TryBeginDelivery())
        {
            try
            {
                while (gate.Pending.TryDequeue(out var next))
                {
                    await DeliverOneAsync(next).ConfigureAwait(false);
                }
            }
            finally
            {
                gate.EndDelivery();
            }

            // An event queued after the last dequeue but before EndDelivery is picked up by the loop condition.
        }
    }

    private async ValueTask DeliverOneAsync(ConversationEvent conversationEvent)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(conversationEvent, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A handler's failure must not undo or block the stored change.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.EventHandlerFailed(logger, Describe(handler), conversationEvent.GetType().Name, conversationEvent.ConversationId, exception.GetType().Name);
            }
        }
    }

    /// <summary>How a log names a handler: a delegate by its event type, registration number and method; a class by its full name.</summary>
    private static string Describe(IConversationEventHandler handler) =>
        handler is IDescribedEventHandler described ? described.Description : handler.GetType().FullName ?? handler.GetType().Name;
}

/// <summary>A handler that says what it is in logs (the library's delegate handlers: their type alone names nothing).</summary>
internal interface IDescribedEventHandler
{
    string Description { get; }
}
