using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Diagnostics;
using InboundConversations.Workflow;

namespace InboundConversations.Internal.Commands;

/// <summary>What firing one due timer came to.</summary>
internal enum TimerOutcome
{
    /// <summary>The conversation moved on since the timer was claimed: nothing fired.</summary>
    Skipped,

    /// <summary>A queue timeout's fallback ran.</summary>
    QueueTimedOut,

    /// <summary>The conversation was closed for inactivity.</summary>
    AutoClosed,

    /// <summary>The snoozed conversation woke.</summary>
    Woke,
}

/// <summary>
/// Fires a claimed conversation's due timers through the engine's ordinary changes: each guarded by the timer as
/// armed, so that it fires at most once per arming and never on a conversation that moved on; the firing's write
/// removes the timer (<see cref="TimerPolicy"/> cancels it as the state leaves, or the write drops it).
/// </summary>
internal sealed class TimerCommands(
    ChangeContext context,
    ConversationTransitions transitions,
    AssignmentService assignments,
    QueueDrainer queue,
    FollowUps followUps,
    Closes closes,
    Wakes wakes,
    string autoCloseCategory)
{
    private static readonly Actor QueueTimeoutActor = Actor.System("queue-timeout");
    private static readonly Actor AutoCloseActor = Actor.System("auto-close");

    /// <summary>Fires <paramref name="timer"/> of <paramref name="claimed"/>.</summary>
    public async ValueTask<TimerOutcome> FireAsync(Conversation claimed, ConversationTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = timer.Kind switch
            {
                ConversationTimerKind.QueueTimeout => await QueueTimeoutAsync(claimed, timer, cancellationToken).ConfigureAwait(false),
                ConversationTimerKind.AutoClose => await AutoCloseAsync(claimed, timer, cancellationToken).ConfigureAwait(false),
                _ => await wakes.WakeAsync(claimed.Workspace, claimed.Id, WakeReason.SnoozeEnded, timer, cancellationToken).ConfigureAwait(false) is null
                    ? TimerOutcome.Skipped
                    : TimerOutcome.Woke,
            };
            if (outcome == TimerOutcome.Skipped)
            {
                Log.TimerSkipped(context.Logger, timer.Kind, claimed.Id);
            }

            return outcome;
        }
        catch (Exception exception) when (exception is InvalidConversationTransitionException or ConversationClosedException or ConversationNotFoundException)
        {
            Log.TimerSkipped(context.Logger, timer.Kind, claimed.Id);
            return TimerOutcome.Skipped;
        }
    }

    private async ValueTask<TimerOutcome> QueueTimeoutAsync(Conversation claimed, ConversationTimer timer, CancellationToken cancellationToken)
    {
        var guard = ChangeGuard.Timer(ConversationState.Queued, timer);
        if (claimed is not { State: ConversationState.Queued, Team: { } team } || context.Timers.QueueTimeouts.For(team) is not { } rule)
        {
            // Armed under a configuration that no longer applies (the host changed it): cancel it without acting.
            await DisarmAsync(claimed, guard, cancellationToken).ConfigureAwait(false);
            return TimerOutcome.Skipped;
        }

        var queuedAt = claimed.QueuedAt ?? timer.ArmedAt;
        Conversation? after;
        switch (rule.Then.Action)
        {
            case QueueTimeoutAction.Transfer:
                var toTeam = rule.Then.Team!.Value;
                var run = await context.Store.FindWorkflowRunAsync(claimed.Workspace, claimed.Id, cancellationToken).ConfigureAwait(false);
                var facts = run?.Facts ?? new Dictionary<string, string>(StringComparer.Ordinal);
                var (_, decision) = await assignments.DecideAsync(claimed with { Team = toTeam }, toTeam, facts, queue.Assigner, cancellationToken).ConfigureAwait(false);
                after = await AssignmentAsync(claimed, toTeam, decision, guard, cancellationToken).ConfigureAwait(false);
                break;
            case QueueTimeoutAction.Unassign:
                after = await AssignmentAsync(claimed, null, AssignmentDecision.LeaveUnassigned, guard, cancellationToken).ConfigureAwait(false);
                break;
            case QueueTimeoutAction.Close:
                after = await CloseAsync(claimed, guard, QueueTimeoutActor, rule.Then.Category, cancellationToken).ConfigureAwait(false);
                break;
            default:
                after = await DisarmAsync(claimed, guard, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (after is null)
        {
            return TimerOutcome.Skipped;
        }

        Log.QueueTimeoutFired(context.Logger, after.Id, team, rule.Then.Action, after.State);
        if (context.Events.HasHandlers)
        {
            var timedOut = new ConversationQueueTimedOut(after, team, queuedAt, rule.Then.Action, context.Clock.GetUtcNow());
            await context.ChangeAsync(after.Workspace, after.Contact, timedOut, static (context, gate, timedOut, _) =>
            {
                context.Events.Enqueue(gate, timedOut);
                return ValueTask.FromResult(true);
            }, CancellationToken.None).ConfigureAwait(false);
        }

        return TimerOutcome.QueueTimedOut;
    }

    private async ValueTask<TimerOutcome> AutoCloseAsync(Conversation claimed, ConversationTimer timer, CancellationToken cancellationToken)
    {
        var guard = ChangeGuard.Timer(null, timer);
        if (claimed.State == ConversationState.Snoozed)
        {
            // Armed by an agent's message racing the snooze: a snoozed conversation is never auto-closed.
            await DisarmAsync(claimed, guard, cancellationToken).ConfigureAwait(false);
            return TimerOutcome.Skipped;
        }

        var closed = await CloseAsync(claimed, guard, AutoCloseActor, autoCloseCategory, cancellationToken).ConfigureAwait(false);

        Log.AutoCloseFired(context.Logger, closed.Id, timer.ArmedAt);
        return TimerOutcome.AutoClosed;
    }

    private async ValueTask<Conversation?> AssignmentAsync(
        Conversation claimed, TeamId? team, AssignmentDecision decision, ChangeGuard guard, CancellationToken cancellationToken)
    {
        var applied = await assignments.ApplyAsync(claimed, team, decision, guard, QueueTimeoutActor, cancellationToken).ConfigureAwait(false);
        if (applied is null)
        {
            return null;
        }

        await followUps.AfterAssignmentAsync(applied).ConfigureAwait(false);
        return applied.Stored;
    }

    private async ValueTask<Conversation> CloseAsync(Conversation claimed, ChangeGuard guard, Actor by, string? category, CancellationToken cancellationToken) =>
        await closes.CloseAsync(claimed.Workspace, claimed.Id, guard, new ConversationClosure(by, context.Clock.GetUtcNow(), category, Notes: null), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>
    /// Cancels the guarded timer without acting: a write that changes no state (an agent-message trigger, which every
    /// open state ignores) and drops the timer.
    /// </summary>
    private ValueTask<Conversation> DisarmAsync(Conversation claimed, ChangeGuard guard, CancellationToken cancellationToken)
    {
        var kind = guard.Armed!.Kind;
        return transitions.ApplyAsync(
            claimed.Workspace,
            claimed.Id,
            guard,
            ConversationTrigger.AgentMessage,
            (current, _) => current with { Timers = current.Timers.Without(kind) },
            static _ => null,
            beforeWrite: null,
            cancellationToken);
    }
}
