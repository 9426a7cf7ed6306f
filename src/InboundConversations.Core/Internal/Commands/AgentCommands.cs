using InboundConversations.Internal.Changes;
using InboundConversations.Storage;

namespace InboundConversations.Internal.Commands;

/// <summary>Agent registration, presence and capacity changes, followed by the queue drains they allow; team reads.</summary>
internal sealed class AgentCommands(ChangeContext context, IAgentDirectory directory, FollowUps followUps)
{
    public async ValueTask<Agent> RegisterAgentAsync(AgentRegistration registration, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(registration);
        var agent = await directory.RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
        return await DrainTeamsAsync(agent).ConfigureAwait(false);
    }

    public async ValueTask<Agent> SetPresenceAsync(AgentId agent, AgentPresence presence, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(agent);
        RequestValidator.Validate(presence, nameof(presence));
        var stored = await directory.SetPresenceAsync(workspace, agent, presence, cancellationToken).ConfigureAwait(false);
        return await DrainTeamsAsync(stored).ConfigureAwait(false);
    }

    public async ValueTask<Agent> SetCapacityAsync(AgentId agent, int capacity, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(agent);
        var stored = await directory.SetCapacityAsync(workspace, agent, capacity, cancellationToken).ConfigureAwait(false);
        return await DrainTeamsAsync(stored).ConfigureAwait(false);
    }

    public async ValueTask<Agent> GetAgentAsync(AgentId agent, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(agent);
        return await directory.FindAsync(workspace, agent, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentNotFoundException(workspace, agent);
    }

    public ValueTask<IReadOnlyList<Agent>> GetTeamMembersAsync(TeamId team, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(team);
        return directory.ListTeamMembersAsync(workspace, team, cancellationToken);
    }

    public ValueTask<IReadOnlyList<Conversation>> GetTeamQueueAsync(TeamId team, WorkspaceId workspace, int maxCount, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(team);
        if (maxCount is < 1 or > 10_000)
        {
            throw new InvalidRequestException(nameof(maxCount), $"it is {maxCount}; from 1 to 10,000");
        }

        return context.Store.ListQueuedAsync(workspace, team, maxCount, cancellationToken);
    }

    /// <summary>
    /// Lets the agent's teams use the room a stored change made (an away agent's too: an assigner may let away agents
    /// qualify); runs to the end whatever the caller's token says, and never fails the call: the change is stored.
    /// </summary>
    /// <returns>The agent as stored after the drains (with the conversations they took), or as given if that read fails.</returns>
    private async ValueTask<Agent> DrainTeamsAsync(Agent agent)
    {
        if (agent.Presence == AgentPresence.Offline || agent.OpenConversations >= agent.Capacity)
        {
            return agent;
        }

        await followUps.AfterAgentChangeAsync(agent).ConfigureAwait(false);
        try
        {
            return await directory.FindAsync(agent.Workspace, agent.Id, CancellationToken.None).ConfigureAwait(false) ?? agent;
        }
#pragma warning disable CA1031 // The change is stored: a failing read-back returns it as the change returned it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return agent;
        }
    }
}
