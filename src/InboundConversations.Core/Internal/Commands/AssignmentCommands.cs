using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Domain;
using InboundConversations.Storage;
using InboundConversations.Workflow;

namespace InboundConversations.Internal.Commands;

/// <summary>Manual assignment, unassignment and transfer.</summary>
internal sealed class AssignmentCommands(ChangeContext context, AssignmentService assignments, QueueDrainer queue, FollowUps followUps)
{
    private IAgentDirectory Directory => assignments.Directory;

    public async ValueTask<Conversation> AssignAsync(AssignConversationRequest request, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(request);
        var conversation = await ConversationTransitions.FindAsync(context, request.Workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.Assign);
        var agent = await FindAgentAsync(request.Workspace, request.Agent, cancellationToken).ConfigureAwait(false);
        var team = TeamFor(agent, requested: null, conversation.Team);
        if (conversation.Assignee == agent.Id && conversation.State == ConversationState.Assigned)
        {
            return conversation;
        }

        return await AssignToAsync(conversation, agent, team, request.AssignedBy, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Conversation> UnassignAsync(UnassignConversationRequest request, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(request);
        var conversation = await ConversationTransitions.FindAsync(context, request.Workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.Unassign);
        var applied = await assignments.ApplyAsync(conversation, null, AssignmentDecision.LeaveUnassigned, null, request.UnassignedBy, cancellationToken).ConfigureAwait(false)
            ?? await RefusedAsync(conversation, ConversationTrigger.Unassign).ConfigureAwait(false);
        await followUps.AfterAssignmentAsync(applied).ConfigureAwait(false);
        return applied.Stored;
    }

    public async ValueTask<Conversation> TransferAsync(TransferConversationRequest request, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(request);
        var conversation = await ConversationTransitions.FindAsync(context, request.Workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(conversation, request.ToAgent is null ? ConversationTrigger.Enqueue : ConversationTrigger.Assign);
        if (request.ToAgent is { } toAgent)
        {
            var agent = await FindAgentAsync(request.Workspace, toAgent, cancellationToken).ConfigureAwait(false);
            var team = TeamFor(agent, request.ToTeam, conversation.Team);
            return await AssignToAsync(conversation, agent, team, request.TransferredBy, cancellationToken).ConfigureAwait(false);
        }

        var toTeam = request.ToTeam!.Value;
        var run = await context.Store.FindWorkflowRunAsync(request.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
        var facts = run?.Facts ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var (_, decision) = await assignments.DecideAsync(conversation with { Team = toTeam }, toTeam, facts, queue.Assigner, cancellationToken).ConfigureAwait(false);
        var applied = await assignments.ApplyAsync(conversation, toTeam, decision, null, request.TransferredBy, cancellationToken).ConfigureAwait(false)
            ?? await RefusedAsync(conversation, TriggerOf(decision)).ConfigureAwait(false);
        await followUps.AfterAssignmentAsync(applied).ConfigureAwait(false);
        return applied.Stored;
    }

    private async ValueTask<Conversation> AssignToAsync(Conversation conversation, Agent agent, TeamId team, Actor by, CancellationToken cancellationToken)
    {
        var selection = AgentSelection.Specific(agent.Id) with { RequireOnline = false };
        var reserved = await Directory.ReserveAsync(
            conversation.Workspace, team, selection, ConversationVersion.Of(conversation), context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (reserved is null)
        {
            var current = await FindAgentAsync(conversation.Workspace, agent.Id, cancellationToken).ConfigureAwait(false);
            throw new AgentUnavailableException(current);
        }

        var applied = await assignments.ApplyAsync(conversation, team, AssignmentDecision.AssignedTo(reserved), null, by, cancellationToken).ConfigureAwait(false)
            ?? await RefusedAsync(conversation, ConversationTrigger.Assign).ConfigureAwait(false);
        await followUps.AfterAssignmentAsync(applied).ConfigureAwait(false);
        return applied.Stored;
    }

    /// <summary>
    /// Throws why a manual change was not stored: the conversation closed meanwhile, or its state (as stored now) does
    /// not allow the trigger (an Unassigned conversation transferred to a team whose assigner assigns nobody).
    /// </summary>
    private async ValueTask<AppliedAssignment> RefusedAsync(Conversation conversation, ConversationTrigger trigger)
    {
        var current = await ConversationTransitions.FindAsync(context, conversation.Workspace, conversation.Id, CancellationToken.None).ConfigureAwait(false);
        throw current.IsOpen
            ? new InvalidConversationTransitionException(conversation.Id, current.State, trigger)
            : new ConversationClosedException(conversation.Id, trigger);
    }

    private static ConversationTrigger TriggerOf(AssignmentDecision decision) => decision.Outcome switch
    {
        AssignmentOutcome.Assigned => ConversationTrigger.Assign,
        AssignmentOutcome.NoAgentAvailable => ConversationTrigger.Enqueue,
        _ => ConversationTrigger.Unassign,
    };

    private async ValueTask<Agent> FindAgentAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken) =>
        await Directory.FindAsync(workspace, agent, cancellationToken).ConfigureAwait(false)
        ?? throw new AgentNotFoundException(workspace, agent);

    /// <summary>The team an agent takes a conversation in: the one named, else the conversation's, else the agent's first.</summary>
    private static TeamId TeamFor(Agent agent, TeamId? requested, TeamId? current)
    {
        if (requested is { } named)
        {
            return agent.Teams.Contains(named) ? named : throw new AgentNotInTeamException(agent.Id, named);
        }

        if (current is { } team)
        {
            return agent.Teams.Contains(team) ? team : throw new AgentNotInTeamException(agent.Id, team);
        }

        return agent.Teams[0];
    }
}
