using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Diagnostics;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Internal.Commands;

/// <summary>Snoozing a conversation: it keeps its team and agent, and its snooze's end is armed in the same write.</summary>
internal sealed class SnoozeCommands(ChangeContext context, ConversationTransitions transitions)
{
    public async ValueTask<Conversation> SnoozeAsync(SnoozeConversationRequest request, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        context.Validator.Validate(request, now);
        var conversation = await ConversationTransitions.FindAsync(context, request.Workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.Snooze);
        var end = new ConversationTimer(ConversationTimerKind.SnoozeEnd, request.Until, now);
        var snoozed = await transitions.ApplyAsync(
            request.Workspace,
            request.ConversationId,
            from: null,
            ConversationTrigger.Snooze,
            (current, state) => current with { State = state, Timers = current.Timers.With(end) },
            stored => new ConversationSnoozed(stored, request.SnoozedBy, now),
            beforeWrite: null,
            cancellationToken).ConfigureAwait(false);
        Log.ConversationSnoozed(context.Logger, snoozed.Id, request.Until, request.SnoozedBy.Kind);
        return snoozed;
    }
}
