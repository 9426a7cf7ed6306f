using InboundConversations.Internal.Diagnostics;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Applies a lifecycle trigger to a stored conversation: under the contact's gate, through the Stateless lifecycle,
/// as a versioned update retried on a concurrent change, with its event queued in store order.
/// </summary>
internal sealed class ConversationTransitions(ChangeContext context)
{
    /// <summary>How often a change re-reads and retries after a concurrent change (another process) before giving up.</summary>
    private const int Attempts = 3;

    /// <summary>Fires <paramref name="trigger"/> and stores <paramref name="change"/> of the result.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="id">The conversation.</param>
    /// <param name="from">
    /// What must still hold of the stored conversation (a state it is still in, a timer it still holds): a decision
    /// taken for a triaging or queued conversation must not overwrite what someone else (an agent assigning it by
    /// hand) stored meanwhile, nor a timer's action a change that re-armed or cancelled the timer.
    /// </param>
    /// <param name="trigger">The lifecycle trigger.</param>
    /// <param name="change">
    /// Receives the current snapshot and the state the trigger leads to; returns the snapshot to store, in that state
    /// with the fields that go with it (one copy of the record, not one for the state and another for the fields).
    /// </param>
    /// <param name="toEvent">The event describing the stored change, if any.</param>
    /// <param name="beforeWrite">
    /// If given, runs under the contact's gate on each snapshot the change is about to be written over (an assignment
    /// takes its agent's reservation again for a version stored meanwhile); what it throws ends the change.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored conversation.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidConversationTransitionException">Its state does not allow the trigger, or <paramref name="from"/> no longer holds.</exception>
    public ValueTask<Conversation> ApplyAsync(
        WorkspaceId workspace,
        ConversationId id,
        ChangeGuard from,
        ConversationTrigger trigger,
        Func<Conversation, ConversationState, Conversation> change,
        Func<Conversation, ConversationEvent?> toEvent,
        Func<Conversation, ValueTask>? beforeWrite,
        CancellationToken cancellationToken) =>
        ApplyAsync(new Work(workspace, id, from, trigger, change, toEvent, beforeWrite), cancellationToken);

    private async ValueTask<Conversation> ApplyAsync(Work work, CancellationToken cancellationToken)
    {
        var first = await FindAsync(context, work.Workspace, work.Id, cancellationToken).ConfigureAwait(false);
        work.Check(first);
        return await context.ChangeAsync(work.Workspace, first.Contact, work, static async (context, gate, work, cancellationToken) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await FindAsync(context, work.Workspace, work.Id, cancellationToken).ConfigureAwait(false);
                work.Check(current);
                if (work.BeforeWrite is { } beforeWrite)
                {
                    await beforeWrite(current).ConfigureAwait(false);
                }

                var next = context.Timers.Reconcile(current, work.Change(current, ConversationLifecycle.Fire(current, work.Trigger)), context.Clock.GetUtcNow());
                try
                {
                    var stored = await UpdateOrReadBackAsync(context, next, cancellationToken).ConfigureAwait(false);
                    if (context.Events.HasHandlers && work.ToEvent(stored) is { } conversationEvent)
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

    /// <summary>
    /// Stores <paramref name="next"/>. If the store fails, reads the conversation back: when it holds exactly
    /// <paramref name="next"/> at the next version, the write was kept and only its reply was lost (a dropped
    /// connection after the commit), so the change counts as stored and whatever follows it (giving an agent's
    /// capacity back after a close, say) still happens. Otherwise, or if the read fails too, the store's error stands.
    /// </summary>
    private static async ValueTask<Conversation> UpdateOrReadBackAsync(ChangeContext context, Conversation next, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Store.UpdateAsync(next, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (InboundConversationsException or OperationCanceledException))
        {
            var kept = next with { Version = next.Version + 1 };
            Conversation? stored;
            try
            {
                stored = await context.Store.FindAsync(next.Workspace, next.Id, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The read-back is a best effort: the write's own error is the one to report.
            catch (Exception)
#pragma warning restore CA1031
            {
                stored = null;
            }

            if (stored != kept)
            {
                throw;
            }

            Log.LostReplyRecovered(context.Logger, next.Id, next.State);
            return stored;
        }
    }

    public static async ValueTask<Conversation> FindAsync(ChangeContext context, WorkspaceId workspace, ConversationId id, CancellationToken cancellationToken) =>
        await context.Store.FindAsync(workspace, id, cancellationToken).ConfigureAwait(false)
        ?? throw new ConversationNotFoundException(workspace, id);

    private sealed record Work(
        WorkspaceId Workspace,
        ConversationId Id,
        ChangeGuard From,
        ConversationTrigger Trigger,
        Func<Conversation, ConversationState, Conversation> Change,
        Func<Conversation, ConversationEvent?> ToEvent,
        Func<Conversation, ValueTask>? BeforeWrite)
    {
        /// <summary>Throws unless the trigger may be fired on <paramref name="current"/> (and <see cref="From"/> still holds).</summary>
        public void Check(Conversation current)
        {
            ConversationLifecycle.Fire(current, Trigger);
            if (!From.Holds(current))
            {
                throw new InvalidConversationTransitionException(current.Id, current.State, Trigger);
            }
        }
    }
}
