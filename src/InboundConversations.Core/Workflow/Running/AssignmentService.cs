using InboundConversations.Diagnostics;
using InboundConversations.Engine;
using InboundConversations.Storage;
using InboundConversations.Workflow.Assignment;

namespace InboundConversations.Workflow.Running;

/// <summary>
/// Runs an assigner and applies its decision to the stored conversation; shared by the workflow run, the team
/// queue and transfers. Every reservation an assigner made and did not keep is given back; an agent reserved for a
/// conversation that closed meanwhile is given back too.
/// </summary>
internal sealed class AssignmentService(
    EngineContext context,
    ConversationTransitions transitions,
    IAgentDirectory directory,
    IContactStore contacts,
    StepExecutor steps)
{
    public IAgentDirectory Directory => directory;

    public EngineContext Context => context;

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
            await ReleaseAllAsync(conversation.Workspace, assignment.Seal(), keep: null).ConfigureAwait(false);
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

        await ReleaseAllAsync(conversation.Workspace, reserved, keep: decision.Outcome == AssignmentOutcome.Assigned ? decision.Agent!.Id : null).ConfigureAwait(false);
        return (step, decision);
    }

    /// <summary>
    /// Stores the decision: assigned, queued on the team, or left unassigned. Gives back the capacity of an agent
    /// who loses the conversation.
    /// </summary>
    /// <param name="conversation">The conversation the decision was taken for.</param>
    /// <param name="team">The team it goes to, or <see langword="null"/> to keep its team.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="from">
    /// The state the decision was taken in (triaging for a run, queued for a drain): if the conversation left it
    /// meanwhile (an agent assigned it by hand), the decision is dropped. <see langword="null"/> for manual changes.
    /// </param>
    /// <param name="by">Who decided.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored conversation, or <see langword="null"/> if it closed (or left the state) meanwhile.</returns>
    public async ValueTask<Conversation?> ApplyAsync(
        Conversation conversation, TeamId? team, AssignmentDecision decision, ConversationState? from, Actor by, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        AgentId? previous = null;
        try
        {
            var stored = decision.Outcome switch
            {
                AssignmentOutcome.Assigned => await TransitionAsync(
                    conversation, from, ConversationTrigger.Assign,
                    (current, state) => Remember(current, ref previous) with { State = state, Team = team ?? current.Team, Assignee = decision.Agent!.Id, QueuedAt = null },
                    stored => new ConversationAssigned(stored, by, now),
                    cancellationToken).ConfigureAwait(false),
                AssignmentOutcome.NoAgentAvailable => await TransitionAsync(
                    conversation, from, ConversationTrigger.Enqueue,
                    (current, state) => Remember(current, ref previous) with { State = state, Team = team ?? current.Team, Assignee = null, QueuedAt = now },
                    stored => new ConversationQueued(stored, now),
                    cancellationToken).ConfigureAwait(false),
                _ => await TransitionAsync(
                    conversation, from, ConversationTrigger.Unassign,
                    (current, state) => Remember(current, ref previous) with { State = state, Team = team ?? current.Team, Assignee = null, QueuedAt = null },
                    stored => new ConversationUnassigned(stored, previous, by, now),
                    cancellationToken).ConfigureAwait(false),
            };

            // The previous agent's unit for this conversation is given back even when the decision picked them
            // again: the new reservation holds its own unit.
            if (previous is { } lost)
            {
                await ReleaseAsync(stored.Workspace, lost).ConfigureAwait(false);
            }

            LogApplied(stored, by);
            return stored;
        }
        catch (Exception exception) when (exception is ConversationClosedException or InvalidConversationTransitionException)
        {
            if (decision.Agent is { } reserved)
            {
                await ReleaseAsync(conversation.Workspace, reserved.Id).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception) when (decision.Agent is not null)
        {
            // The store failed. Unless the conversation is theirs after all, give the reservation back before the
            // error goes up, so that a retry or a resumed run does not count the agent twice.
            if (!await IsAssignedToAsync(conversation, decision.Agent.Id).ConfigureAwait(false))
            {
                await ReleaseAsync(conversation.Workspace, decision.Agent.Id).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Whether the stored conversation is assigned to <paramref name="agent"/>. If the store cannot say (the read
    /// fails too), the answer is yes: a reservation kept too long only holds capacity back, while one given back for a
    /// conversation the agent holds would let them exceed their capacity.
    /// </summary>
    private async ValueTask<bool> IsAssignedToAsync(Conversation conversation, AgentId agent)
    {
        try
        {
            var stored = await context.Store.FindAsync(conversation.Workspace, conversation.Id, CancellationToken.None).ConfigureAwait(false);
            return stored is { State: ConversationState.Assigned } && stored.Assignee == agent;
        }
#pragma warning disable CA1031 // Unknown: keep the reservation (see above).
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    /// <summary>Gives back every reservation but one of <paramref name="keep"/> (an assigner may reserve an agent twice).</summary>
    private async ValueTask ReleaseAllAsync(WorkspaceId workspace, IReadOnlyList<Agent> reserved, AgentId? keep)
    {
        foreach (var agent in reserved)
        {
            if (agent.Id == keep)
            {
                keep = null;
                continue;
            }

            await ReleaseAsync(workspace, agent.Id).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back one unit of an agent's capacity; an agent removed from the directory meanwhile is ignored.</summary>
    public async ValueTask ReleaseAsync(WorkspaceId workspace, AgentId agent)
    {
        try
        {
            await directory.ReleaseAsync(workspace, agent, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AgentNotFoundException)
        {
            // Nothing to give back.
        }
    }

    /// <summary>
    /// Ends a run that waited in the queue, now that its conversation was assigned, unassigned or closed by other
    /// means (the queue, a manual assignment, a close). A run still pending or running ends by itself.
    /// </summary>
    public async ValueTask CompleteQueuedRunAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var run = await context.Store.FindWorkflowRunAsync(conversation.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
        if (run is { Status: WorkflowRunStatus.Queued } && conversation.State != ConversationState.Queued)
        {
            await context.Store.UpdateWorkflowRunAsync(
                run with { Status = WorkflowRunStatus.Completed, Team = conversation.Team ?? run.Team, Agent = conversation.Assignee, EndedAt = context.Clock.GetUtcNow() },
                cancellationToken).ConfigureAwait(false);
            Log.RunEnded(context.Logger, run.ConversationId, WorkflowRunStatus.Completed, conversation.Team, conversation.Assignee);
        }
    }

    public async ValueTask<ConversationMessage?> FirstMessageAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var messages = await context.Store.ListMessagesAsync(conversation.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
        return messages.FirstOrDefault(static m => m.Direction == MessageDirection.Inbound);
    }

    private ValueTask<Conversation> TransitionAsync(
        Conversation conversation,
        ConversationState? from,
        ConversationTrigger trigger,
        Func<Conversation, ConversationState, Conversation> change,
        Func<Conversation, ConversationEvent?> toEvent,
        CancellationToken cancellationToken) =>
        from is { } state
            ? transitions.ApplyFromAsync(conversation.Workspace, conversation.Id, state, trigger, change, toEvent, cancellationToken)
            : transitions.ApplyAsync(conversation.Workspace, conversation.Id, trigger, change, toEvent, cancellationToken);

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
