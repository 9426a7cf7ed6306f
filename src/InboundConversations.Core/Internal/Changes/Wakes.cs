using InboundConversations.Internal.Diagnostics;

namespace InboundConversations.Internal.Changes;

/// <summary>Wakes a snoozed conversation: back to Assigned if it has an agent, otherwise Unassigned.</summary>
internal sealed class Wakes(ChangeContext context, ConversationTransitions transitions)
{
    /// <summary>Wakes the conversation if it is still snoozed (and, for a timer, still holds <paramref name="armed"/>).</summary>
    /// <returns>The woken conversation, or <see langword="null"/> if it was no longer snoozed (or the timer was re-armed).</returns>
    public async ValueTask<Conversation?> WakeAsync(
        WorkspaceId workspace, ConversationId id, WakeReason reason, ConversationTimer? armed, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var guard = armed is null ? ConversationState.Snoozed : ChangeGuard.Timer(ConversationState.Snoozed, armed);
        try
        {
            var woke = await transitions.ApplyAsync(
                workspace,
                id,
                guard,
                ConversationTrigger.Wake,
                static (current, state) => current with { State = state },
                stored => new ConversationWoke(stored, reason, now),
                beforeWrite: null,
                cancellationToken).ConfigureAwait(false);
            Log.ConversationWoke(context.Logger, woke.Id, reason, woke.State);
            return woke;
        }
        catch (Exception exception) when (exception is InvalidConversationTransitionException or ConversationClosedException)
        {
            // Someone woke, moved or closed it first.
            return null;
        }
    }
}
