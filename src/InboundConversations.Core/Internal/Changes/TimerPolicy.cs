using InboundConversations.Workflow.Internal;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Which change arms or cancels which durable timer: applied to every snapshot the engine stores, so a timer always
/// lands in the same atomic write as the change that causes it.
/// </summary>
internal sealed class TimerPolicy(QueueTimeouts queueTimeouts, TimeSpan? autoCloseAfter)
{
    /// <summary>What a contact's message cancels: the auto-close (the contact replied).</summary>
    public static IReadOnlyList<ConversationTimerKind> CancelledByContact { get; } = [ConversationTimerKind.AutoClose];

    public QueueTimeouts QueueTimeouts { get; } = queueTimeouts;

    /// <summary>
    /// The timers <paramref name="after"/> holds once stored: none when closed; a queue timeout armed when it enters a
    /// team's queue (the team's own, or none) and cancelled when it leaves; the auto-close cancelled by a snooze and by
    /// entering a queue (the conversation then waits for an agent, not for the contact); the snooze's end cancelled when
    /// it wakes.
    /// </summary>
    public Conversation Reconcile(Conversation before, Conversation after, DateTimeOffset now)
    {
        if (!after.IsOpen)
        {
            return after.Timers.Count == 0 ? after : after with { Timers = ConversationTimers.Empty };
        }

        var timers = after.Timers;
        if (after is { State: ConversationState.Queued, Team: { } team })
        {
            var entered = before.State != ConversationState.Queued || before.Team != team;
            if (entered)
            {
                timers = QueueTimeouts.For(team) is { } rule
                    ? timers.With(new ConversationTimer(ConversationTimerKind.QueueTimeout, now + rule.After, now))
                    : timers.Without(ConversationTimerKind.QueueTimeout);
            }
        }
        else
        {
            timers = timers.Without(ConversationTimerKind.QueueTimeout);
        }

        // A queued conversation waits for the business, not for the contact: it is never auto-closed (a snooze parks it).
        if (after.State is ConversationState.Queued or ConversationState.Snoozed)
        {
            timers = timers.Without(ConversationTimerKind.AutoClose);
        }

        if (after.State != ConversationState.Snoozed)
        {
            timers = timers.Without(ConversationTimerKind.SnoozeEnd);
        }

        return timers.Equals(after.Timers) ? after : after with { Timers = timers };
    }

    /// <summary>
    /// The auto-close an outbound message (re)arms: only an agent's, only when auto-close is on and the conversation
    /// is neither snoozed nor queued; <see langword="null"/> otherwise (the conversation's timers stay as they are).
    /// </summary>
    public ConversationTimer? ArmedBy(Actor author, Conversation conversation, DateTimeOffset now) =>
        autoCloseAfter is { } after && author.Kind == ActorKind.Agent && conversation.State is not (ConversationState.Snoozed or ConversationState.Queued)
            ? new ConversationTimer(ConversationTimerKind.AutoClose, now + after, now)
            : null;
}
