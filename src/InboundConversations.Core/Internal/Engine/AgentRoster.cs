using InboundConversations.Internal.Commands;

namespace InboundConversations.Internal.Engine;

/// <summary>The thin <see cref="IAgentRoster"/> façade: the lifetime check, then the agent commands.</summary>
internal sealed class AgentRoster(InboxLifetime lifetime, AgentCommands agents) : IAgentRoster
{
    /// <summary>Every call starts here: a roster whose container was disposed touches nothing.</summary>
    private AgentCommands Live
    {
        get
        {
            lifetime.ThrowIfDisposed(nameof(IAgentRoster));
            return agents;
        }
    }

    public ValueTask<Agent> RegisterAgentAsync(AgentRegistration registration, CancellationToken cancellationToken = default) =>
        Live.RegisterAgentAsync(registration, cancellationToken);

    public ValueTask<Agent> SetPresenceAsync(AgentId agent, AgentPresence presence, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.SetPresenceAsync(agent, presence, workspace, cancellationToken);

    public ValueTask<Agent> SetCapacityAsync(AgentId agent, int capacity, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.SetCapacityAsync(agent, capacity, workspace, cancellationToken);

    public ValueTask<Agent> GetAgentAsync(AgentId agent, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.GetAgentAsync(agent, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<Agent>> GetTeamMembersAsync(TeamId team, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.GetTeamMembersAsync(team, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> GetTeamQueueAsync(TeamId team, WorkspaceId workspace = default, int maxCount = 100, CancellationToken cancellationToken = default) =>
        Live.GetTeamQueueAsync(team, workspace, maxCount, cancellationToken);
}
