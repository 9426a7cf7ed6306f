using InboundConversations.Internal.Commands;
using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Diagnostics;
using InboundConversations.Internal.Running;
using InboundConversations.Storage;

namespace InboundConversations.Internal.Engine;

/// <summary>
/// The background pass behind <see cref="IConversationEngine.ProcessDueAsync"/>: resumes interrupted runs,
/// releases reservations left behind, and drains every team queue. Each step makes up for a follow-up that a crash, a
/// lost reply or a failure skipped, in this process or another; a step that fails is logged and the pass goes on.
/// </summary>
internal sealed class Backstop(
    ChangeContext context, WorkflowRunner? runner, IAgentDirectory directory, QueueDrainer queue, TimeSpan reservationGrace, TimerCommands timers, TimeSpan timerLease)
{
    private const int Page = 256;
    private const int ReservationPagesPerPass = 4;

    /// <summary>At most this many pages of due timers per pass (4,096 timers); the rest fire in the next pass.</summary>
    private const int TimerPagesPerPass = 16;

    /// <summary>Where the reservation scan goes on at the next pass: it visits a bounded number per pass.</summary>
    private AgentReservation? _reservationCursor;

    /// <summary>
    /// How old a reservation must be before it may be released as left behind: twice the run lease (a run renews its
    /// claim between reserving and storing the assignment), at least one minute.
    /// </summary>
    public static TimeSpan GraceFor(TimeSpan? runLease) =>
        TimeSpan.FromTicks(Math.Max(2 * (runLease ?? TimeSpan.Zero).Ticks, TimeSpan.FromMinutes(1).Ticks));

    public async ValueTask<ProcessDueResult> RunAsync(CancellationToken cancellationToken)
    {
        var failed = 0;
        var (resumed, queuedEnded) = runner is null
            ? (0, 0)
            : await StepAsync("resume runs", runner, static (r, c) => r.ResumeAsync(c), (0, 0), cancellationToken).ConfigureAwait(false);
        var released = await StepAsync("release leftover reservations", this, static (b, c) => b.ReleaseLeftoversAsync(c), 0, cancellationToken).ConfigureAwait(false);
        var assigned = await StepAsync("drain queues", this, static (b, c) => b.DrainEveryQueueAsync(c), 0, cancellationToken).ConfigureAwait(false);

        // Timers last: a queued conversation a member of its team has room for is assigned by the drain, not timed out.
        // The tally is kept when a later page's claim fails, so what fired before it is still reported.
        var fired = new TimerTally();
        await StepAsync("fire due timers", (Backstop: this, Tally: fired), static async (s, c) => await s.Backstop.FireDueTimersAsync(s.Tally, c).ConfigureAwait(false), fired, cancellationToken).ConfigureAwait(false);
        var result = new ProcessDueResult
        {
            RunsResumed = resumed,
            QueuedRunsEnded = queuedEnded,
            QueueTimeoutsFired = fired.Count(TimerOutcome.QueueTimedOut),
            ConversationsAutoClosed = fired.Count(TimerOutcome.AutoClosed),
            SnoozesEnded = fired.Count(TimerOutcome.Woke),
            TimersSkipped = fired.Count(TimerOutcome.Skipped),
            TimersFailed = fired.Failed,
            LeftoverReservationsReleased = released,
            QueuedConversationsAssigned = assigned,
            FailedSteps = failed,
        };
        if (result.TimersFired + result.TimersSkipped + resumed + queuedEnded + released + assigned > 0)
        {
            Log.BackgroundPassDone(context.Logger, result.TimersFired, result.TimersSkipped, resumed, queuedEnded, released, assigned);
        }

        return result;

        async ValueTask<T> StepAsync<TState, T>(string step, TState state, Func<TState, CancellationToken, ValueTask<T>> work, T none, CancellationToken token)
        {
            try
            {
                return await work(state, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One failing step must not stop the others; the next pass tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failed++;
                Log.BackgroundStepFailed(context.Logger, step, exception.GetType().Name);
                return none;
            }
        }
    }

    /// <summary>
    /// Claims the conversations with a due timer, a page at a time (at most <see cref="TimerPagesPerPass"/>), and fires
    /// each due timer. A timer that fails is logged and counted; it stays armed, and fires in a later pass once its
    /// claim lapses (or sooner, if another write of its conversation ended the claim).
    /// </summary>
    private async ValueTask<TimerTally> FireDueTimersAsync(TimerTally tally, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        for (var page = 0; page < TimerPagesPerPass; page++)
        {
            var claimed = await context.Store.ClaimDueAsync(now, timerLease, Page, cancellationToken).ConfigureAwait(false);
            foreach (var conversation in claimed)
            {
                foreach (var timer in conversation.Timers.DueAt(now))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        tally.Add(await timers.FireAsync(conversation, timer, cancellationToken).ConfigureAwait(false));
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
#pragma warning disable CA1031 // One failing timer must not stop the others; it fires again once its claim lapses.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        tally.Failed++;
                        Log.TimerFailed(context.Logger, timer.Kind, conversation.Id, exception.GetType().Name);
                    }
                }
            }

            if (claimed.Count < Page)
            {
                break;
            }
        }

        return tally;
    }

    /// <summary>
    /// Releases reservations older than the grace period whose conversation is not open and assigned to their agent,
    /// each only if it was not renewed since it was listed (an assignment in flight renews it).
    /// </summary>
    private async ValueTask<int> ReleaseLeftoversAsync(CancellationToken cancellationToken)
    {
        var before = context.Clock.GetUtcNow() - reservationGrace;
        var released = 0;
        for (var page = 0; page < ReservationPagesPerPass; page++)
        {
            var reservations = await directory.ListReservationsAsync(before, Volatile.Read(ref _reservationCursor), Page, cancellationToken).ConfigureAwait(false);
            foreach (var reservation in reservations)
            {
                var conversation = await context.Store.FindAsync(reservation.Workspace, reservation.Conversation, cancellationToken).ConfigureAwait(false);
                if (conversation is { IsOpen: true } && conversation.Assignee == reservation.Agent)
                {
                    continue;
                }

                if (await directory.ReleaseStaleAsync(reservation, cancellationToken).ConfigureAwait(false))
                {
                    released++;
                    Log.LeftoverReservationReleased(
                        context.Logger, reservation.Agent, reservation.Conversation, conversation?.State, conversation?.Assignee, reservation.Workspace);
                }
            }

            // The last page seen is where the next pass goes on; a short page ends the round, and the next starts over.
            Volatile.Write(ref _reservationCursor, reservations.Count < Page ? null : reservations[^1]);
            if (reservations.Count < Page)
            {
                break;
            }
        }

        return released;
    }

    /// <summary>Drains every team that has a queue, a workspace's teams together (oldest waiting first across them).</summary>
    private async ValueTask<int> DrainEveryQueueAsync(CancellationToken cancellationToken)
    {
        var assigned = 0;
        QueuedTeam? after = null;
        while (true)
        {
            var teams = await context.Store.ListQueuedTeamsAsync(after, Page, cancellationToken).ConfigureAwait(false);
            foreach (var workspace in teams.GroupBy(static t => t.Workspace))
            {
                assigned += await queue.DrainAsync(workspace.Key, workspace.Select(static t => t.Team).ToArray(), cancellationToken).ConfigureAwait(false);
            }

            if (teams.Count < Page)
            {
                return assigned;
            }

            after = teams[^1];
        }
    }

    /// <summary>How many timers of the pass came to each outcome, and how many failed.</summary>
    private sealed class TimerTally
    {
        private readonly int[] _counts = new int[Enum.GetValues<TimerOutcome>().Length];

        public int Failed { get; set; }

        public void Add(TimerOutcome outcome) => _counts[(int)outcome]++;

        public int Count(TimerOutcome outcome) => _counts[(int)outcome];
    }
}
