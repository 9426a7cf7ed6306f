using InboundConversations.Storage;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Internal.Changes;

/// <summary>What the engine's features share: the store, the clock, validation, per-contact gates and event delivery.</summary>
internal sealed class ChangeContext(
    IConversationStore store,
    TimeProvider clock,
    InboundConversationsOptions options,
    IReadOnlyList<IConversationEventHandler> handlers,
    ILogger logger,
    TimerPolicy timers)
{
    /// <summary>Which change arms or cancels which timer.</summary>
    public TimerPolicy Timers { get; } = timers;

    public IConversationStore Store { get; } = store;

    public TimeProvider Clock { get; } = clock;

    public RequestValidator Validator { get; } = new(options);

    public ContactGates Gates { get; } = new();

    public EventDispatcher Events { get; } = new(handlers, logger);

    public ILogger Logger { get; } = logger;

    /// <summary>
    /// Runs <paramref name="change"/> holding the gate of (<paramref name="workspace"/>, <paramref name="contact"/>),
    /// so that the store write and the queuing of its events happen in one order; then delivers the queued events.
    /// The explicit <paramref name="state"/> lets callers pass static lambdas: no closure on the hot path.
    /// </summary>
    public async ValueTask<TResult> ChangeAsync<TState, TResult>(
        WorkspaceId workspace,
        ContactId contact,
        TState state,
        Func<ChangeContext, ContactGate, TState, CancellationToken, ValueTask<TResult>> change,
        CancellationToken cancellationToken)
    {
        var gate = Gates.For(workspace, contact);
        await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        TResult result;
        try
        {
            result = await change(this, gate, state, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Lock.Release();
        }

        await Events.DeliverAsync(gate).ConfigureAwait(false);
        return result;
    }
}
