using InboundConversations.Diagnostics;
using InboundConversations.Engine;
using InboundConversations.Storage;
using InboundConversations.Workflow.Assignment;
using InboundConversations.Workflow.Enrichment;
using InboundConversations.Workflow.Routing;
using InboundConversations.Workflow.Triggers;

namespace InboundConversations.Workflow.Running;

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
    EngineContext context,
    InboundWorkflowDefinition workflow,
    ConversationTransitions transitions,
    AssignmentService assignments,
    QueueDrainer queue,
    IContactStore contacts,
    StepExecutor steps)
{
    public InboundWorkflowDefinition Definition => workflow;

    /// <summary>
    /// Runs the conversation's run like <see cref="RunAsync"/>, but a failure (a store error, say) is only logged:
    /// the change that opened the conversation is stored, and the unfinished run is resumed later.
    /// </summary>
    /// <returns>True if this call claimed the run.</returns>
    public async ValueTask<bool> RunSafelyAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Logged by RunAsync; the run stays unfinished and resumable once its claim lapses.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return true;
        }
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

    /// <summary>Runs the conversation's run if it is claimable; does nothing otherwise (finished, or another engine holds it).</summary>
    /// <returns>True if this call claimed the run.</returns>
    public async ValueTask<bool> RunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        var store = context.Store;
        var run = await store.FindWorkflowRunAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        if (run is null || !run.IsClaimable(context.Clock.GetUtcNow()))
        {
            return false; // Finished, or claimed by an engine whose claim still holds.
        }

        try
        {
            run = await SaveAsync(run with { Status = WorkflowRunStatus.Running, Attempts = run.Attempts + 1, ClaimExpiresAt = Lease() }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            return false; // Another caller claimed it first.
        }

        try
        {
            await ContinueAsync(run, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RunInterrupted(context.Logger, conversationId, exception.GetType().Name, WorkflowRunStatus.Running);
            throw;
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
        await DecideAsync(run, conversation, team, decision, status, cancellationToken).ConfigureAwait(false);
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
            conversation = await transitions.ApplyFromAsync(
                run.Workspace, conversation.Id, ConversationState.Triaging, ConversationTrigger.Route,
                (current, state) => current with { State = state, Team = chosen },
                stored => new ConversationRouted(stored, now),
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

    private async ValueTask DecideAsync(
        WorkflowRun run, Conversation conversation, TeamId? team, AssignmentDecision decision, WorkflowRunStatus status, CancellationToken cancellationToken)
    {
        var stored = conversation.IsOpen
            ? (await assignments.ApplyAsync(conversation, team, decision, ConversationState.Triaging, Actor.Workflow(), cancellationToken).ConfigureAwait(false))?.Stored
            : null;
        if (stored is null)
        {
            // Closed, or assigned by hand, while the run went on: the run ends with what is stored.
            var current = await ConversationTransitions.FindAsync(context, run.Workspace, run.ConversationId, cancellationToken).ConfigureAwait(false);
            await EndAsync(run, current, cancellationToken).ConfigureAwait(false);
            return;
        }

        await FinishAsync(run, status, stored, cancellationToken).ConfigureAwait(false);
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
