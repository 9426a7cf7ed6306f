using InboundConversations.Internal.Diagnostics;

namespace InboundConversations.Internal.Changes;

/// <summary>A close, however it is decided (a person, an auto-close, a queue timeout): stored, logged, then its follow-ups.</summary>
internal sealed class Closes(ChangeContext context, ConversationTransitions transitions, FollowUps followUps)
{
    /// <summary>Closes the conversation with <paramref name="closure"/> while <paramref name="guard"/> holds.</summary>
    /// <returns>The closed conversation.</returns>
    /// <exception cref="ConversationClosedException">It is already closed.</exception>
    /// <exception cref="InvalidConversationTransitionException"><paramref name="guard"/> no longer holds.</exception>
    public async ValueTask<Conversation> CloseAsync(
        WorkspaceId workspace, ConversationId id, ChangeGuard guard, ConversationClosure closure, CancellationToken cancellationToken)
    {
        var closed = await transitions.ApplyAsync(
            workspace,
            id,
            guard,
            ConversationTrigger.Close,
            (current, state) => current with { State = state, Closure = closure, QueuedAt = null },
            static stored => new ConversationClosed(stored),
            beforeWrite: null,
            cancellationToken).ConfigureAwait(false);
        Log.ConversationClosed(context.Logger, closed.Id, closed.Workspace, closure.ClosedBy.Kind);
        await followUps.AfterCloseAsync(closed).ConfigureAwait(false);
        return closed;
    }
}
