
namespace InboundConversations;

/// <summary>
/// What a host calls for agents and teams (it implements <see cref="Storage.IAgentDirectory"/>, the port underneath):
/// register agents, change presence and capacity, read teams and their queues. Changes go through here (not straight to the directory) so that team queues drain when an agent comes
/// online or gains capacity. Resolve it from DI after <c>AddInboundConversations()</c>; a thread-safe singleton.
/// </summary>
/// <remarks>
/// After the container is disposed, every call (reads included) throws <see cref="ObjectDisposedException"/> before
/// it touches any state, exactly like <see cref="IConversationEngine"/>; a call that started before completes.
/// </remarks>
public interface IAgentRoster
{
    /// <summary>Adds an agent or changes their teams and capacity; if they are online, their teams' queues drain.</summary>
    /// <param name="registration">The agent's teams and capacity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored, after the team queues drained into the room the change made.</returns>
    /// <exception cref="InvalidIdentifierException">The agent or a team id is missing.</exception>
    /// <exception cref="InvalidRequestException">No team, or a capacity below 1.</exception>
    ValueTask<Agent> RegisterAgentAsync(AgentRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Sets an agent's presence; an agent coming online drains their teams' queues into their capacity.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="presence">Online, away or offline.</param>
    /// <param name="workspace">The workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored, after the team queues drained into the room the change made.</returns>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    ValueTask<Agent> SetPresenceAsync(AgentId agent, AgentPresence presence, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Sets an agent's capacity; more room drains their teams' queues. Conversations held above a lowered capacity stay.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="capacity">The most open conversations at once; at least 1.</param>
    /// <param name="workspace">The workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored, after the team queues drained into the room the change made.</returns>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="InvalidRequestException">The capacity is below 1.</exception>
    ValueTask<Agent> SetCapacityAsync(AgentId agent, int capacity, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads an agent.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="workspace">The workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent: presence, capacity, open conversations, last assignment.</returns>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    ValueTask<Agent> GetAgentAsync(AgentId agent, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads a team's members.</summary>
    /// <param name="team">The team.</param>
    /// <param name="workspace">The workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The members by id; empty for an unknown team.</returns>
    ValueTask<IReadOnlyList<Agent>> GetTeamMembersAsync(TeamId team, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads a team's queue: its queued conversations, first queued first.</summary>
    /// <param name="team">The team.</param>
    /// <param name="workspace">The workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="maxCount">The most to return (1 to 10,000; default 100).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queued conversations in the order they will be assigned.</returns>
    /// <exception cref="InvalidRequestException"><paramref name="maxCount"/> is out of range.</exception>
    ValueTask<IReadOnlyList<Conversation>> GetTeamQueueAsync(TeamId team, WorkspaceId workspace = default, int maxCount = 100, CancellationToken cancellationToken = default);
}
