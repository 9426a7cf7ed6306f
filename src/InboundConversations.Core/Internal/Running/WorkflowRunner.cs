using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Diagnostics;
using InboundConversations.Internal.Domain;
using InboundConversations.Storage;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Internal;

namespace InboundConversations.Internal.Running;

/// <summary>
/// Runs a conversation's inbound workflow: trigger conditions → enrichment → routing → assignment, recording each
/// step in the stored run so that an interrupted run resumes where it stopped. Routing always precedes assignment.
/// </summary>
/// <remarks>
/// Exactly once: a run is claimed by a versioned update (pending → running), so two callers never both run it.
/// The conversation's stored state is the truth about routing and assignment: a run resumed after a crash that
/// finds its conversation already assigned or queued only records that.
/// </remarks>
internal sealed class WorkflowRunner(
    ChangeContext context,
    InboundWorkflowDefinition workflow,
    ConversationTransitions transitions,
    AssignmentService assignments,
    QueueDrainer queue,
    IContactStore contacts,
    StepExecutor steps) : IWorkflowLauncher
{
    public bool StartsFor(ConversationSource source) => workflow.StartsFor(source);

    /// <summary>Once an opening is stored, its run goes to its end whatever the caller's token says (invariant 4).</summary>
    public async ValueTask RunAsync(WorkspaceId workspace, ConversationId conversation) =>
        await RunSafelyAsync(workspace, conversation, CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Claims the conversation's run if it is claimable (pending, or running with its claim lapsed) and runs it to its
    /// end. A failure (a store error, say) is only logged: the change that opened the conversation is stored, and the
    /// unfinished run is resumed later.
    /// </summary>
    /// <returns>True if this call claimed the run.</returns>
    public async ValueTask<bool> RunSafelyAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        if (await ClaimAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return false;
        }

        try
        {
            await ContinueAsync(run, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Logged; the run stays unfinished and resumable once its claim lapses.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.RunInterrupted(context.Logger, conversationId, exception.GetType().Name, WorkflowRunStatus.Running);
        }

        return true;
    }

    /// <summary>
    /// Resumes every claimable run: pending, or interrupted while running (its claim lapsed). Each run is claimed with
    /// a versioned update, so it runs once even when several engines resume at the same moment. A queued run whose
    /// conversation left the queue (the write that should have ended it failed) is ended as its conversation shows.
    /// </summary>
    /// <returns>How many runs this call claimed, and how many queued runs it ended.</returns>
    public async ValueTask<(int Resumed, int QueuedEnded)> ResumeAsync(CancellationToken cancellationToken)
    {
        const int Batch = 256;
        var seen = new HashSet<(WorkspaceId, ConversationId)>();
        var (resumed, queuedEnded) = (0, 0);
        while (true)
        {
            // Runs stay listed until they finish, so each round asks for the ones seen plus a batch more.
            var limit = seen.Count + Batch;
            var unfinished = await context.Store.ListUnfinishedWorkflowRunsAsync(limit, cancellationToken).ConfigureAwait(false);
            var now = context.Clock.GetUtcNow();
            foreach (var run in unfinished)
            {
                if (!seen.Add((run.Workspace, run.ConversationId)))
                {
                    continue;
                }

                if (run.Status == WorkflowRunStatus.Queued)
                {
                    queuedEnded += await ReconcileQueuedSafelyAsync(run, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
                else if (run.IsClaimable(now) && await RunSafelyAsync(run.Workspace, run.ConversationId, cancellationToken).ConfigureAwait(false))
                {
                    resumed++;
                }
            }

            if (unfinished.Count < limit)
            {
                return (resumed, queuedEnded);
            }
        }
    }

    /// <summary>Ends a queued run whose conversation is no longer queued; a failure is logged and left for the next resume.</summary>
    /// <returns>True if this call ended the run.</returns>
    private async ValueTask<bool> ReconcileQueuedSafelyAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await context.Store.FindAsync(run.Workspace, run.ConversationId, cancellationToken).ConfigureAwait(false);
            return conversation is not null && await assignments.CompleteQueuedRunAsync(conversation, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            return false; // Someone else ended or changed it meanwhile.
        }
#pragma warning disable CA1031 // Best effort: the conversation is the truth; the next resume tries again.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.RunInterrupted(context.Logger, run.ConversationId, exception.GetType().Name, WorkflowRunStatus.Queued);
            return false;
        }
    }

    /// <summary>
    /// Claims the conversation's run with a versioned update if it is claimable; does nothing otherwise (finished, or
    /// another engine holds it).
    /// </summary>
    /// <returns>
    /// The claimed run, or <see langword="null"/> if there is none to claim, another caller claimed it first, or the
    /// store failed: that is logged, the run stays as it was (pending when it could not even be read: a run is read
    /// right after its opening or its listing), and a later resume claims it.
    /// </returns>
    private async ValueTask<WorkflowRun?> ClaimAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        WorkflowRun? run = null;
        try
        {
            run = await context.Store.FindWorkflowRunAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
            if (run is null || !run.IsClaimable(context.Clock.GetUtcNow()))
            {
                return null; // Finished, or claimed by an engine whose claim still holds.
            }

            return await SaveAsync(run with { Status = WorkflowRunStatus.Running, Attempts = run.Attempts + 1, ClaimExpiresAt = Lease() }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            return null; // Another caller claimed it first.
        }
#pragma warning disable CA1031 // Logged; nothing was claimed, so the run is as it was and a later resume claims it.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.RunInterrupted(context.Logger, conversationId, exception.GetType().Name, run?.Status ?? WorkflowRunStatus.Pending);
            return null;
        }
    }

    private async ValueTask ContinueAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        var conversation = await ConversationTransitions.FindAsync(context, run.Workspace, run.ConversationId, cancellationToken).ConfigureAwait(false);
        if (conversation.State != ConversationState.Triaging)
        {
            // Closed meanwhile, or the decision was stored before an interruption: record what is stored.
            await EndAsync(run, conversation, cancellationToken).ConfigureAwait(false);
            return;
        }

        var firstMessage = await assignments.FirstMessageAsync(conversation, cancellationToken).ConfigureAwait(false);
        var contact = await contacts.GetAsync(run.Workspace, conversation.Contact, cancellationToken).ConfigureAwait(false);
        if (!workflow.Applies(new TriggerContext(conversation, firstMessage, contact)))
        {
            await DecideAsync(run, conversation, null, AssignmentDecision.LeaveUnassigned, WorkflowRunStatus.NotApplicable, cancellationToken).ConfigureAwait(false);
            return;
        }

        run = await EnrichAsync(run, conversation, firstMessage, contact, cancellationToken).ConfigureAwait(false);
        contact = await contacts.GetAsync(run.Workspace, conversation.Contact, cancellationToken).ConfigureAwait(false);
        (run, conversation) = await RouteAsync(run, conversation, firstMessage, contact, cancellationToken).ConfigureAwait(false);
        if (conversation.State != ConversationState.Triaging)
        {
            // A person decided while the run enriched or routed (assigned, transferred, unassigned or closed it): the
            // run ends with what they stored.
            await EndAsync(run, conversation, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (conversation.Team is not { } team)
        {
            await DecideAsync(run, conversation, null, AssignmentDecision.LeaveUnassigned, WorkflowRunStatus.Completed, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (step, decision) = await assignments.DecideAsync(conversation, team, run.Facts, workflow.Assigner, firstMessage, cancellationToken).ConfigureAwait(false);
        try
        {
            run = await SaveAsync(run with { Steps = [.. run.Steps, step], ClaimExpiresAt = Lease() }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (decision.Agent is not null)
        {
            // The decision is not stored: give the reservation back (unless the conversation is theirs meanwhile).
            await Reservations.SettleAsync(assignments.Directory, context.Store, run.Workspace, decision.Agent.Id, ConversationVersion.Of(conversation)).ConfigureAwait(false);
            throw;
        }

        var status = decision.Outcome == AssignmentOutcome.NoAgentAvailable ? WorkflowRunStatus.Queued : WorkflowRunStatus.Completed;
        status = await DecideAsync(run, conversation, team, decision, status, cancellationToken).ConfigureAwait(false);
        if (status == WorkflowRunStatus.Queued)
        {
            // An agent may have become available between the failed reservation and the queuing. The run is stored as
            // queued: a failing drain is a follow-up (logged), and the background pass drains the queue.
            try
            {
                await queue.DrainAsync(run.Workspace, [team], cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A follow-up of the stored run; the next background pass drains every queue.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.FollowUpFailed(context.Logger, "drain", run.ConversationId, exception.GetType().Name);
            }
        }
    }

    private async ValueTask<WorkflowRun> EnrichAsync(
        WorkflowRun run, Conversation conversation, ConversationMessage? firstMessage, ContactProfile contact, CancellationToken cancellationToken)
    {
        foreach (var enricher in workflow.Enrichers)
        {
            if (run.Steps.Any(s => s.Kind == WorkflowStepKind.Enrich && s.Name == enricher.Name))
            {
                continue; // Done before an interruption.
            }

            var enrichment = new EnrichmentContext(conversation, firstMessage, contact, run.Facts);
            var result = await steps.RunAsync(WorkflowStepKind.Enrich, enricher.Name, conversation.Id, async c =>
            {
                await enricher.EnrichAsync(enrichment, c).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);

            var facts = run.Facts;
            if (result.Succeeded)
            {
                facts = Merge(run.Facts, enrichment.WrittenFacts);
                var update = new ContactUpdate
                {
                    Workspace = run.Workspace,
                    Contact = conversation.Contact,
                    SetFields = enrichment.WrittenContactFields,
                    AddTags = enrichment.WrittenContactTags,
                };
                if (!update.IsEmpty)
                {
                    contact = await contacts.UpdateAsync(update, cancellationToken).ConfigureAwait(false);
                }
            }

            run = await SaveAsync(run with { Facts = facts, Steps = [.. run.Steps, result.Step], ClaimExpiresAt = Lease() }, cancellationToken).ConfigureAwait(false);
        }

        return run;
    }

    private async ValueTask<(WorkflowRun, Conversation)> RouteAsync(
        WorkflowRun run, Conversation conversation, ConversationMessage? firstMessage, ContactProfile contact, CancellationToken cancellationToken)
    {
        if (conversation.Team is not null)
        {
            return (run, conversation); // Routed before an interruption.
        }

        var team = workflow.DefaultTeam;
        if (workflow.Router is { } router)
        {
            var routing = new RoutingContext(conversation, firstMessage, contact, run.Facts);
            var result = await steps.RunAsync(WorkflowStepKind.Route, router.Name, conversation.Id, c => router.RouteAsync(routing, c), cancellationToken).ConfigureAwait(false);
            var step = result.Step;
            if (result.Succeeded && result.Value is { } routed)
            {
                team = routed;
            }
            else if (result.Succeeded)
            {
                step = step with { Status = WorkflowStepStatus.NoMatch };
            }

            run = await SaveAsync(run with { Steps = [.. run.Steps, step], ClaimExpiresAt = Lease() }, cancellationToken).ConfigureAwait(false);
        }

        if (team is not { } chosen)
        {
            return (run, conversation);
        }

        var now = context.Clock.GetUtcNow();
        try
        {
            conversation = await transitions.ApplyAsync(
                run.Workspace, conversation.Id, ConversationState.Triaging, ConversationTrigger.Route,
                (current, state) => current with { State = state, Team = chosen },
                stored => new ConversationRouted(stored, now),
                beforeWrite: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConversationClosedException or InvalidConversationTransitionException)
        {
            // Closed, assigned, transferred or unassigned by a person meanwhile: what they stored stands.
            conversation = await ConversationTransitions.FindAsync(context, run.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            return (run, conversation);
        }

        run = await SaveAsync(run with { Team = chosen, ClaimExpiresAt = Lease() }, cancellationToken).ConfigureAwait(false);
        return (run, conversation);
    }

    /// <summary>Stores the decision for the triaging conversation and ends the run with <paramref name="status"/>.</summary>
    /// <returns>
    /// The status the run was stored with as the decision's: <paramref name="status"/>, or queued if the chosen agent
    /// could no longer be reserved for a version of the conversation stored meanwhile (then it waits in the queue).
    /// </returns>
    private async ValueTask<WorkflowRunStatus> DecideAsync(
        WorkflowRun run, Conversation conversation, TeamId? team, AssignmentDecision decision, WorkflowRunStatus status, CancellationToken cancellationToken)
    {
        // The conversation is triaging (so open) here: every caller checked.
        var applied = await assignments.ApplyAsync(conversation, team, decision, ConversationState.Triaging, Actor.Workflow(), cancellationToken).ConfigureAwait(false);
        if (applied is null)
        {
            var current = await ConversationTransitions.FindAsync(context, run.Workspace, run.ConversationId, cancellationToken).ConfigureAwait(false);
            if (current.State == ConversationState.Triaging && team is { } routed)
            {
                // Still triaging: the assignment was dropped because its agent could not be reserved again for a
                // version stored meanwhile (they went offline, say). The conversation waits in its team's queue.
                return await DecideAsync(run, current, routed, AssignmentDecision.NoAgentAvailable, WorkflowRunStatus.Queued, cancellationToken).ConfigureAwait(false);
            }

            // Closed, or assigned by hand, while the run went on: the run ends with what is stored.
            await EndAsync(run, current, cancellationToken).ConfigureAwait(false);
            return status;
        }

        await FinishAsync(run, status, applied.Stored, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>Records the outcome a stored conversation shows (after an interruption, or a close).</summary>
    private ValueTask EndAsync(WorkflowRun run, Conversation conversation, CancellationToken cancellationToken) =>
        FinishAsync(run, conversation.State == ConversationState.Queued ? WorkflowRunStatus.Queued : WorkflowRunStatus.Completed, conversation, cancellationToken);

    private async ValueTask FinishAsync(WorkflowRun run, WorkflowRunStatus status, Conversation conversation, CancellationToken cancellationToken)
    {
        var ended = status == WorkflowRunStatus.Queued ? (DateTimeOffset?)null : context.Clock.GetUtcNow();
        await context.Store.UpdateWorkflowRunAsync(
            run with { Status = status, Team = conversation.Team ?? run.Team, Agent = conversation.Assignee, EndedAt = ended, ClaimExpiresAt = null },
            cancellationToken).ConfigureAwait(false);
        Log.RunEnded(context.Logger, run.ConversationId, status, conversation.Team, conversation.Assignee);
    }

    /// <summary>
    /// Stores the run's progress; <paramref name="run"/> renews this engine's claim on it with <see cref="Lease"/>,
    /// set in the same copy as the progress (one copy of the record per save, not two).
    /// </summary>
    private ValueTask<WorkflowRun> SaveAsync(WorkflowRun run, CancellationToken cancellationToken) =>
        context.Store.UpdateWorkflowRunAsync(run, cancellationToken);

    /// <summary>Until when a save renews this engine's claim on the run.</summary>
    private DateTimeOffset Lease() => context.Clock.GetUtcNow() + workflow.RunLease;

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> facts, IReadOnlyDictionary<string, string> written) =>
        written.Count == 0 ? facts : CompactFacts.Merge(facts, written);
}
