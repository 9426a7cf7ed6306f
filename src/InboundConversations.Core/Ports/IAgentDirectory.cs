namespace InboundConversations.Storage;

/// <summary>
/// Agents, their teams, presence, capacity and load: the port automatic assignment reserves agents through.
/// The library ships <see cref="InMemory.InMemoryAgentDirectory"/>.
/// </summary>
/// <remarks>
/// The promise an implementation keeps: <see cref="ReserveAsync"/> picks and reserves in one atomic step, so an
/// agent is never reserved beyond their capacity, while offline, or for a team they are not in, whatever runs
/// concurrently in this process or another. Every key includes the workspace.
/// </remarks>
public interface IAgentDirectory
{
    /// <summary>Adds an agent or changes their teams and capacity; presence and load of a known agent are kept.</summary>
    /// <param name="registration">The agent's teams and capacity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored.</returns>
    ValueTask<Agent> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken);

    /// <summary>Reads an agent.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent, or <see langword="null"/> if unknown in the workspace.</returns>
    ValueTask<Agent?> FindAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken);

    /// <summary>Reads a team's members, by id.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="team">The team.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The members; empty for an unknown team.</returns>
    ValueTask<IReadOnlyList<Agent>> ListTeamAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken);

    /// <summary>Sets an agent's presence.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="presence">The new presence.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored.</returns>
    /// <exception cref="AgentNotFoundException">The agent is unknown in the workspace.</exception>
    ValueTask<Agent> SetPresenceAsync(WorkspaceId workspace, AgentId agent, AgentPresence presence, CancellationToken cancellationToken);

    /// <summary>Sets an agent's capacity; conversations already held above it stay assigned.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="capacity">The new capacity, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored.</returns>
    /// <exception cref="AgentNotFoundException">The agent is unknown in the workspace.</exception>
    ValueTask<Agent> SetCapacityAsync(WorkspaceId workspace, AgentId agent, int capacity, CancellationToken cancellationToken);

    /// <summary>
    /// Picks an available agent of <paramref name="team"/> as <paramref name="selection"/> says and reserves one
    /// unit of their capacity, atomically; records <paramref name="now"/> as their last assignment.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="team">The team to pick from.</param>
    /// <param name="selection">How to pick.</param>
    /// <param name="now">The time of the assignment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reserved agent (load already counted), or <see langword="null"/> if none is available.</returns>
    ValueTask<Agent?> ReserveAsync(WorkspaceId workspace, TeamId team, AgentSelection selection, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back one unit of an agent's capacity (their conversation closed, was unassigned or transferred).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored.</returns>
    /// <exception cref="AgentNotFoundException">The agent is unknown in the workspace.</exception>
    ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken);
}
