using InboundConversations.Storage;
using InboundConversations.Workflow.Assignment;
using InboundConversations.Workflow.Running;

namespace InboundConversations.Engine;

/// <summary>Manual assignment, unassignment and transfer, and what a close means for capacity and queues.</summary>
internal sealed class AssignmentCommands(EngineContext context, AssignmentService assignments, QueueDrainer queue)
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
        var stored = await assignments.ApplyAsync(conversation, null, AssignmentDecision.LeaveUnassigned, null, request.UnassignedBy, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationClosedException(conversation.Id, ConversationTrigger.Unassign);
        await AfterChangeAsync(conversation, stored).ConfigureAwait(false);
        return stored;
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
        var stored = await assignments.ApplyAsync(conversation, toTeam, decision, null, request.TransferredBy, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationClosedException(conversation.Id, ConversationTrigger.Enqueue);
        await AfterChangeAsync(conversation, stored).ConfigureAwait(false);
        if (stored.State == ConversationState.Queued)
        {
            await queue.DrainAsync(stored.Workspace, toTeam, CancellationToken.None).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>
    /// A closed conversation gives its agent's capacity back, and the team's queue may move. The close is stored, so
    /// this runs to the end whatever the caller's token says.
    /// </summary>
    public async ValueTask OnClosedAsync(Conversation closed)
    {
        var cancellationToken = CancellationToken.None;
        if (closed.Assignee is { } agent)
        {
            await assignments.ReleaseAsync(closed.Workspace, agent).ConfigureAwait(false);
        }

        await assignments.CompleteQueuedRunAsync(closed, cancellationToken).ConfigureAwait(false);
        if (closed.Assignee is not null && closed.Team is { } team)
        {
            await queue.DrainAsync(closed.Workspace, team, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<Conversation> AssignToAsync(Conversation conversation, Agent agent, TeamId team, Actor by, CancellationToken cancellationToken)
    {
        var selection = AgentSelection.Specific(agent.Id) with { RequireOnline = false };
        var reserved = await Directory.ReserveAsync(conversation.Workspace, team, selection, context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (reserved is null)
        {
            var current = await FindAgentAsync(conversation.Workspace, agent.Id, cancellationToken).ConfigureAwait(false);
            throw new AgentUnavailableException(current);
        }

        var stored = await assignments.ApplyAsync(conversation, team, AssignmentDecision.AssignedTo(reserved), null, by, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationClosedException(conversation.Id, ConversationTrigger.Assign);
        await AfterChangeAsync(conversation, stored).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// Ends a queued run, and lets the previous agent's team use the capacity the change freed. The change is stored,
    /// so this runs to the end whatever the caller's token says.
    /// </summary>
    private async ValueTask AfterChangeAsync(Conversation before, Conversation stored)
    {
        var cancellationToken = CancellationToken.None;
        await assignments.CompleteQueuedRunAsync(stored, cancellationToken).ConfigureAwait(false);
        if (before.Assignee is not null && before.Assignee != stored.Assignee && before.Team is { } previousTeam)
        {
            await queue.DrainAsync(before.Workspace, previousTeam, cancellationToken).ConfigureAwait(false);
        }
    }

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
