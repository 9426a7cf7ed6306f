using InboundConversations.Diagnostics;

namespace InboundConversations.Engine;

/// <summary>
/// Applies a lifecycle trigger to a stored conversation: under the contact's gate, through the Stateless lifecycle,
/// as a versioned update retried on a concurrent change, with its event queued in store order.
/// </summary>
internal sealed class ConversationTransitions(EngineContext context)
{
    /// <summary>How often a change re-reads and retries after a concurrent change (another process) before giving up.</summary>
    private const int Attempts = 3;

    /// <summary>Fires <paramref name="trigger"/> and stores <paramref name="change"/> of the result.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="id">The conversation.</param>
    /// <param name="trigger">The lifecycle trigger.</param>
    /// <param name="change">Sets the fields that go with the new state; receives the current snapshot with its new state.</param>
    /// <param name="toEvent">The event describing the stored change, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored conversation.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidConversationTransitionException">Its state does not allow the trigger.</exception>
    public async ValueTask<Conversation> ApplyAsync(
        WorkspaceId workspace,
        ConversationId id,
        ConversationTrigger trigger,
        Func<Conversation, Conversation> change,
        Func<Conversation, ConversationEvent?> toEvent,
        CancellationToken cancellationToken)
    {
        var first = await FindAsync(context, workspace, id, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(first, trigger);
        var work = new Work(workspace, id, trigger, change, toEvent);
        return await context.ChangeAsync(workspace, first.Contact, work, static async (context, gate, work, cancellationToken) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await FindAsync(context, work.Workspace, work.Id, cancellationToken).ConfigureAwait(false);
                var next = work.Change(current with { State = ConversationLifecycle.Fire(current, work.Trigger) });
                try
                {
                    var stored = await context.Store.UpdateAsync(next, cancellationToken).ConfigureAwait(false);
                    if (work.ToEvent(stored) is { } conversationEvent)
                    {
                        context.Events.Enqueue(gate, conversationEvent);
                    }

                    return stored;
                }
                catch (ConcurrencyConflictException) when (attempt < Attempts)
                {
                    // Another process changed it: re-read and fire the trigger on what is stored now.
                    Log.TransitionConflictRetried(context.Logger, work.Id, work.Trigger, attempt);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<Conversation> FindAsync(EngineContext context, WorkspaceId workspace, ConversationId id, CancellationToken cancellationToken) =>
        await context.Store.FindAsync(workspace, id, cancellationToken).ConfigureAwait(false)
        ?? throw new ConversationNotFoundException(workspace, id);

    private sealed record Work(
        WorkspaceId Workspace,
        ConversationId Id,
        ConversationTrigger Trigger,
        Func<Conversation, Conversation> Change,
        Func<Conversation, ConversationEvent?> ToEvent);
}
