using InboundConversations.Storage;

namespace InboundConversations.Engine;

/// <summary>The <see cref="IAgentRoster"/> façade: directory changes followed by the queue drains they allow.</summary>
internal sealed class AgentRoster(Inbox inbox) : IAgentRoster
{
    private IAgentDirectory Directory => inbox.Directory;

    public async ValueTask<Agent> RegisterAgentAsync(AgentRegistration registration, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var agent = await Directory.RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
        return await DrainTeamsAsync(agent).ConfigureAwait(false);
    }

    public async ValueTask<Agent> SetPresenceAsync(AgentId agent, AgentPresence presence, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequestValidator.Validate(agent);
        var stored = await Directory.SetPresenceAsync(workspace, agent, presence, cancellationToken).ConfigureAwait(false);
        return await DrainTeamsAsync(stored).ConfigureAwait(false);
    }

    public async ValueTask<Agent> SetCapacityAsync(AgentId agent, int capacity, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequestValidator.Validate(agent);
        var stored = await Directory.SetCapacityAsync(workspace, agent, capacity, cancellationToken).ConfigureAwait(false);
        return await DrainTeamsAsync(stored).ConfigureAwait(false);
    }

    public async ValueTask<Agent> GetAgentAsync(AgentId agent, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequestValidator.Validate(agent);
        return await Directory.FindAsync(workspace, agent, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentNotFoundException(workspace, agent);
    }

    public ValueTask<IReadOnlyList<Agent>> GetTeamAsync(TeamId team, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequestValidator.Validate(team);
        return Directory.ListTeamAsync(workspace, team, cancellationToken);
    }

    public ValueTask<IReadOnlyList<Conversation>> GetTeamQueueAsync(TeamId team, WorkspaceId workspace = default, int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequestValidator.Validate(team);
        if (maxCount is < 1 or > 10_000)
        {
            throw new InvalidRequestException(nameof(maxCount), $"it is {maxCount}; from 1 to 10,000");
        }

        return inbox.Context.Store.ListQueuedAsync(workspace, team, maxCount, cancellationToken);
    }

    /// <summary>First in every call: a roster whose container was disposed touches nothing.</summary>
    private void ThrowIfDisposed() => inbox.ThrowIfDisposed(nameof(IAgentRoster));

    /// <summary>
    /// Lets the agent's teams use the room a stored change made; runs to the end whatever the caller's token says.
    /// </summary>
    /// <returns>The agent as stored after the drains (with the conversations they took), or as given if none ran.</returns>
    private async ValueTask<Agent> DrainTeamsAsync(Agent agent)
    {
        if (!agent.IsAvailable)
        {
            return agent;
        }

        foreach (var team in agent.Teams)
        {
            await inbox.Queue.DrainAsync(agent.Workspace, team, CancellationToken.None).ConfigureAwait(false);
        }

        return await Directory.FindAsync(agent.Workspace, agent.Id, CancellationToken.None).ConfigureAwait(false) ?? agent;
    }
}
