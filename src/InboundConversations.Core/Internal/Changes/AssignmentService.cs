using InboundConversations.Internal.Diagnostics;
using InboundConversations.Storage;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Internal;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Runs an assigner and applies its decision to the stored conversation; shared by the workflow run, the team
/// queue and manual changes. Reservations are held for the conversation: one an assignment did not keep is given back
/// unless the conversation is that agent's after all; the agent who loses a conversation gives its unit back once the
/// change is stored.
/// </summary>
internal sealed class AssignmentService(
    ChangeContext context,
    ConversationTransitions transitions,
    IAgentDirectory directory,
    IContactStore contacts,
    StepExecutor steps)
{
    private const string ReleaseStep = "release";

    public IAgentDirectory Directory => directory;

    public ChangeContext Context => context;

    /// <summary>Asks <paramref name="assigner"/> for an agent of <paramref name="team"/>.</summary>
    public ValueTask<(WorkflowStep Step, AssignmentDecision Decision)> DecideAsync(
        Conversation conversation, TeamId team, IReadOnlyDictionary<string, string> facts, IAgentAssigner assigner, CancellationToken cancellationToken) =>
        DecideAsync(conversation, team, facts, assigner, null, cancellationToken);

    /// <summary>
    /// Asks <paramref name="assigner"/> for an agent of <paramref name="team"/>. A caller that has read the
    /// conversation's first inbound message passes it as <paramref name="firstMessage"/>: messages are only ever
    /// appended, so once stored it never changes, and the transcript need not be read again.
    /// </summary>
    public async ValueTask<(WorkflowStep Step, AssignmentDecision Decision)> DecideAsync(
        Conversation conversation,
        TeamId team,
        IReadOnlyDictionary<string, string> facts,
        IAgentAssigner assigner,
        ConversationMessage? firstMessage,
        CancellationToken cancellationToken)
    {
        firstMessage ??= await FirstMessageAsync(conversation, cancellationToken).ConfigureAwait(false);
        var contact = await contacts.GetAsync(conversation.Workspace, conversation.Contact, cancellationToken).ConfigureAwait(false);
        var assignment = new AssignmentContext(conversation, firstMessage, contact, facts, team, context.Clock.GetUtcNow(), directory, context.Store);
        StepResult<AssignmentDecision> result;
        try
        {
            result = await steps.RunAsync(
                WorkflowStepKind.Assign, assigner.Name, conversation.Id, c => assigner.AssignAsync(assignment, c), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled (or the step machinery failed): nothing was decided, so nothing reserved is kept.
            await SettleAllAsync(conversation, assignment.Seal(), keep: null).ConfigureAwait(false);
            throw;
        }

        // Sealed before the decision is read: an assigner still running after its timeout gives back what it reserves.
        var reserved = assignment.Seal();
        var step = result.Step;
        var decision = result.Succeeded ? result.Value! : AssignmentDecision.NoAgentAvailable;
        if (decision.Outcome == AssignmentOutcome.Assigned && !reserved.Any(a => a.Id == decision.Agent!.Id))
        {
            step = step with { Status = WorkflowStepStatus.Failed, Error = $"The assigner chose agent '{decision.Agent!.Id}' without reserving them through the context." };
            decision = AssignmentDecision.NoAgentAvailable;
        }
        else if (decision.Outcome == AssignmentOutcome.NoAgentAvailable && step.Status == WorkflowStepStatus.Succeeded)
        {
            step = step with { Status = WorkflowStepStatus.NoMatch };
        }

        await SettleAllAsync(conversation, reserved, keep: decision.Outcome == AssignmentOutcome.Assigned ? decision.Agent!.Id : null).ConfigureAwait(false);
        return (step, decision);
    }

    /// <summary>
    /// Stores the decision: assigned, queued on the team, or left unassigned; then gives back the unit of the agent who
    /// lost the conversation (a follow-up: it never fails the call).
    /// </summary>
    /// <param name="conversation">The conversation as read when the decision was taken (its reservation is for that version).</param>
    /// <param name="team">The team it goes to, or <see langword="null"/> to keep its team.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="from">
    /// The state the decision was taken in (triaging for a run, queued for a drain): if the conversation left it
    /// meanwhile (an agent assigned it by hand), the decision is dropped. <see langword="null"/> for manual changes.
    /// </param>
    /// <param name="by">Who decided.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The stored change, or <see langword="null"/> if the conversation closed or left the state meanwhile, or if the
    /// chosen agent could no longer be reserved for a newer version of it.
    /// </returns>
    /// <exception cref="AgentUnavailableException">
    /// A manual assignment (<paramref name="from"/> is <see langword="null"/>) met a concurrent change, and the agent has no room for the conversation as it now is.
    /// </exception>
    public async ValueTask<AppliedAssignment?> ApplyAsync(
        Conversation conversation, TeamId? team, AssignmentDecision decision, ChangeGuard from, Actor by, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        AgentId? previous = null;
        var chosen = decision.Agent;
        var reservedFor = ConversationVersion.Of(conversation);
        try
        {
            var stored = decision.Outcome switch
            {
                AssignmentOutcome.Assigned => await TransitionAsync(
                    conversation, from, ConversationTrigger.Assign,
                    (current, state) => Remember(current, ref previous) with { State = state, Team = team ?? current.Team, Assignee = chosen!.Id, QueuedAt = null },
                    stored => new ConversationAssigned(stored, by, now),
                    async current => reservedFor = await ReserveAgainAsync(current, team ?? current.Team, chosen!, now, reservedFor).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false),
                AssignmentOutcome.NoAgentAvailable => await TransitionAsync(
                    conversation, from, ConversationTrigger.Enqueue,
                    (current, state) => Remember(current, ref previous) with { State = state, Team = team ?? current.Team, Assignee = null, QueuedAt = QueuedAt(current, team, now) },
                    stored => new ConversationQueued(stored, now),
                    null,
                    cancellationToken).ConfigureAwait(false),
                _ => await TransitionAsync(
                    conversation, from, ConversationTrigger.Unassign,
                    (current, state) => Remember(current, ref previous) with { State = state, Team = team ?? current.Team, Assignee = null, QueuedAt = null },
                    stored => new ConversationUnassigned(stored, previous, by, now),
                    null,
                    cancellationToken).ConfigureAwait(false),
            };

            LogApplied(stored, by);
            var freed = previous is { } lost && lost != stored.Assignee
                ? await ReleaseAsync(stored.Workspace, lost, ConversationVersion.Of(stored)).ConfigureAwait(false)
                : null;
            return new AppliedAssignment(stored, freed);
        }
        catch (Exception exception) when (exception is ConversationClosedException or InvalidConversationTransitionException
            || (exception is AgentUnavailableException && from.From is not null))
        {
            if (chosen is not null)
            {
                await Reservations.SettleAsync(directory, context.Store, conversation.Workspace, chosen.Id, reservedFor).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception) when (chosen is not null)
        {
            // The store failed (or the agent could not be reserved again). Unless the conversation is theirs after all,
            // give the reservation back before the error goes up, so that a retry or a resumed run does not hold it twice.
            await Reservations.SettleAsync(directory, context.Store, conversation.Workspace, chosen.Id, reservedFor).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Gives back one conversation's unit of an agent who lost it, as a follow-up of a stored change: an agent removed
    /// from the directory, or a directory failure (logged), leaves nothing to do now; the background pass releases a
    /// reservation left behind.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="stored">The conversation at the version the change was stored at.</param>
    /// <returns>The agent as stored after the release, or <see langword="null"/> if it failed or the agent is gone.</returns>
    public async ValueTask<Agent?> ReleaseAsync(WorkspaceId workspace, AgentId agent, ConversationVersion stored)
    {
        try
        {
            return await directory.ReleaseAsync(workspace, agent, stored, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AgentNotFoundException)
        {
            return null;
        }
#pragma warning disable CA1031 // A follow-up of a stored change never fails the call; the background pass reconciles.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.FollowUpFailed(context.Logger, ReleaseStep, stored.Conversation, exception.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Ends a run that waited in the queue, now that its conversation was assigned, unassigned or closed by other
    /// means (the queue, a manual assignment, a close); a concurrent change of the run is re-read and the end retried.
    /// A run still pending or running ends by itself.
    /// </summary>
    /// <returns>True if this call ended the run.</returns>
    public async ValueTask<bool> CompleteQueuedRunAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var run = await context.Store.FindWorkflowRunAsync(conversation.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            if (run is not { Status: WorkflowRunStatus.Queued } || conversation.State == ConversationState.Queued)
            {
                return false;
            }

            try
            {
                await context.Store.UpdateWorkflowRunAsync(
                    run with { Status = WorkflowRunStatus.Completed, Team = conversation.Team ?? run.Team, Agent = conversation.Assignee, EndedAt = context.Clock.GetUtcNow() },
                    cancellationToken).ConfigureAwait(false);
                Log.RunEnded(context.Logger, run.ConversationId, WorkflowRunStatus.Completed, conversation.Team, conversation.Assignee);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Another caller changed the run first (it may have ended it): read it again.
            }
        }
    }

    public async ValueTask<ConversationMessage?> FirstMessageAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var messages = await context.Store.ListMessagesAsync(conversation.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
        return messages.FirstOrDefault(static m => m.Direction == MessageDirection.Inbound);
    }

    /// <summary>When a conversation queued on <paramref name="team"/> entered the queue: kept if it was already queued there.</summary>
    private static DateTimeOffset? QueuedAt(Conversation current, TeamId? team, DateTimeOffset now) =>
        current.State == ConversationState.Queued && current.Team == (team ?? current.Team) ? current.QueuedAt ?? now : now;

    /// <summary>
    /// Before an assignment is written over <paramref name="current"/>, a version other than the one the agent was
    /// reserved for, takes the reservation again for it: a release that follows a change stored meanwhile gives back
    /// only reservations taken for earlier versions, so the unit the assignment relies on is never given back under it.
    /// </summary>
    private async ValueTask<ConversationVersion> ReserveAgainAsync(Conversation current, TeamId? team, Agent agent, DateTimeOffset now, ConversationVersion reservedFor)
    {
        if (current.Version == reservedFor.Version)
        {
            return reservedFor;
        }

        var selection = AgentSelection.Specific(agent.Id) with { RequireOnline = false };
        var again = team is { } routed
            ? await directory.ReserveAsync(current.Workspace, routed, selection, ConversationVersion.Of(current), now, CancellationToken.None).ConfigureAwait(false)
            : null;
        return again is not null ? ConversationVersion.Of(current) : throw new AgentUnavailableException(agent);
    }

    /// <summary>Gives back every agent reserved for <paramref name="conversation"/> but <paramref name="keep"/>, and but its assignee.</summary>
    private async ValueTask SettleAllAsync(Conversation conversation, IReadOnlyList<Agent> reserved, AgentId? keep)
    {
        foreach (var agent in reserved.Select(static a => a.Id).Distinct())
        {
            // The assignee held the conversation's unit before this decision: the change that moves it gives it back.
            if (agent != keep && agent != conversation.Assignee)
            {
                await Reservations.SettleAsync(directory, context.Store, conversation.Workspace, agent, ConversationVersion.Of(conversation)).ConfigureAwait(false);
            }
        }
    }

    private ValueTask<Conversation> TransitionAsync(
        Conversation conversation,
        ChangeGuard from,
        ConversationTrigger trigger,
        Func<Conversation, ConversationState, Conversation> change,
        Func<Conversation, ConversationEvent?> toEvent,
        Func<Conversation, ValueTask>? beforeWrite,
        CancellationToken cancellationToken) =>
        transitions.ApplyAsync(conversation.Workspace, conversation.Id, from, trigger, change, toEvent, beforeWrite, cancellationToken);

    private static Conversation Remember(Conversation current, ref AgentId? previous)
    {
        previous = current.Assignee;
        return current;
    }

    private void LogApplied(Conversation stored, Actor by)
    {
        if (stored.State == ConversationState.Assigned)
        {
            Log.ConversationAssigned(context.Logger, stored.Id, stored.Assignee!.Value, stored.Team, by.Kind);
        }
        else if (stored.State == ConversationState.Queued)
        {
            Log.ConversationQueued(context.Logger, stored.Id, stored.Team);
        }
    }
}

/// <summary>An assignment decision as stored, and the agent who lost the conversation with it (as stored after giving its unit back).</summary>
internal sealed record AppliedAssignment(Conversation Stored, Agent? Freed);
