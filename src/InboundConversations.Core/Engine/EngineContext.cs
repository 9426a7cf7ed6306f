using InboundConversations.Storage;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Engine;

/// <summary>What the engine's features share: the store, the clock, validation, per-contact gates and event delivery.</summary>
internal sealed class EngineContext(
    IConversationStore store,
    TimeProvider clock,
    InboundConversationsOptions options,
    IReadOnlyList<IConversationEventHandler> handlers,
    ILogger logger)
{
    public IConversationStore Store { get; } = store;

    public TimeProvider Clock { get; } = clock;

    public RequestValidator Validator { get; } = new(options);

    public ContactGates Gates { get; } = new();

    public EventDispatcher Events { get; } = new(handlers, logger);

    public ILogger Logger { get; } = logger;

    /// <summary>
    /// Runs <paramref name="change"/> holding <paramref name="contact"/>'s gate, then delivers the events it queued.
    /// </summary>
    public async ValueTask<T> ChangeAsync<T>(
        WorkspaceId workspace, ContactId contact, Func<ContactGate, ValueTask<T>> change, CancellationToken cancellationToken)
    {
        var gate = Gates.For(workspace, contact);
        await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await change(gate).ConfigureAwait(false);
        }
        finally
        {
            gate.Lock.Release();
        }

        await Events.DeliverAsync(gate).ConfigureAwait(false);
        return result;
    }
}
