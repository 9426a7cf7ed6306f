using InboundConversations.Storage;
using InboundConversations.Workflow.Running;

namespace InboundConversations.Engine;

/// <summary>The <see cref="IAgentRoster"/> façade: directory changes followed by the queue drains they allow.</summary>
internal sealed class AgentRoster(EngineContext context, IAgentDirectory directory, QueueDrainer queue) : IAgentRoster
{
    public async ValueTask<Agent> RegisterAgentAsync(AgentRegistration registration, CancellationToken cancellationToken = default)
    {
        var agent = await directory.RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
        await DrainTeamsAsync(agent, cancellationToken).ConfigureAwait(false);
        return agent;
    }

    public async ValueTask<Agent> SetPresenceAsync(AgentId agent, AgentPresence presence, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(agent);
        var stored = await directory.SetPresenceAsync(workspace, agent, presence, cancellationToken).ConfigureAwait(false);
        await DrainTeamsAsync(stored, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async ValueTask<Agent> SetCapacityAsync(AgentId agent, int capacity, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(agent);
        var stored = await directory.SetCapacityAsync(workspace, agent, capacity, cancellationToken).ConfigureAwait(false);
        await DrainTeamsAsync(stored, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async ValueTask<Agent> GetAgentAsync(AgentId agent, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(agent);
        return await directory.FindAsync(workspace, agent, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentNotFoundException(workspace, agent);
    }

    public ValueTask<IReadOnlyList<Agent>> GetTeamAsync(TeamId team, WorkspaceId workspace = default, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(team);
        return directory.ListTeamAsync(workspace, team, cancellationToken);
    }

    public ValueTask<IReadOnlyList<Conversation>> GetTeamQueueAsync(TeamId team, WorkspaceId workspace = default, int maxCount = 100, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(team);
        if (maxCount is < 1 or > 10_000)
        {
            throw new InvalidRequestException(nameof(maxCount), $"it is {maxCount}; from 1 to 10,000");
        }

        return context.Store.ListQueuedAsync(workspace, team, maxCount, cancellationToken);
    }

    private async ValueTask DrainTeamsAsync(Agent agent, CancellationToken cancellationToken)
    {
        if (!agent.IsAvailable)
        {
            return;
        }

        foreach (var team in agent.Teams)
        {
            await queue.DrainAsync(agent.Workspace, team, cancellationToken).ConfigureAwait(false);
        }
    }
}
