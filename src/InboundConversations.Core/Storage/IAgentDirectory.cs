namespace InboundConversations.Storage;

/// <summary>
/// The storage port for agents that a host implements (or takes <see cref="InMemoryAgentDirectory"/>); a host calls
/// <see cref="IAgentRoster"/>, never this. It keeps agents, their teams, presence, capacity and load, and reserves
/// agents for automatic assignment.
/// </summary>
/// <remarks>
/// The promise an implementation keeps: <see cref="ReserveAsync"/> picks and reserves in one atomic step, so an
/// agent is never reserved beyond their capacity, while offline, or for a team they are not in, whatever runs
/// concurrently in this process or another. A reservation is held for one conversation and keyed by it, so taking or
/// giving it back again changes nothing, and an agent's load is the count of conversations they hold one for.
/// Every key includes the workspace.
/// </remarks>
public interface IAgentDirectory
{
    /// <summary>Adds an agent or changes their teams and capacity; presence and load of a known agent are kept.</summary>
    /// <param name="registration">The agent's teams and capacity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored.</returns>
    /// <exception cref="InvalidRequestException">No team, an empty team id, a capacity below 1, or an undefined presence.</exception>
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
    ValueTask<IReadOnlyList<Agent>> ListTeamMembersAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken);

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
    /// unit of their capacity for <paramref name="conversation"/>, atomically; records <paramref name="now"/> as their
    /// last assignment.
    /// </summary>
    /// <remarks>
    /// Reservations are keyed by (workspace, agent, conversation): an agent picked who already holds a reservation for
    /// the conversation gets no second unit (a retry after a lost reply holds one unit), and such an agent has room for
    /// it even at capacity; presence and membership still decide. Taking it again renews it: its
    /// <see cref="AgentReservation.ReservedAt"/> becomes <paramref name="now"/> and its version the higher of the two.
    /// An agent's <see cref="Agent.OpenConversations"/> is the number of conversations they hold a reservation for.
    /// </remarks>
    /// <param name="workspace">The workspace.</param>
    /// <param name="team">The team to pick from.</param>
    /// <param name="selection">How to pick.</param>
    /// <param name="conversation">The conversation, at the version the caller read it: the assignment it reserves for is written over that version.</param>
    /// <param name="now">The time of the assignment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reserved agent (load already counted), or <see langword="null"/> if none is available.</returns>
    ValueTask<Agent?> ReserveAsync(
        WorkspaceId workspace, TeamId team, AgentSelection selection, ConversationVersion conversation, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back <paramref name="agent"/>'s reservation for <paramref name="conversation"/> if it was taken for a
    /// version below <paramref name="conversation"/>'s; otherwise, and if they hold none, changes nothing.
    /// </summary>
    /// <remarks>
    /// The version makes a release safe against a concurrent reservation: the caller stored (or read) the conversation at
    /// that version, so a reservation taken for it or a later one belongs to an assignment that may still be written.
    /// Pass <see cref="long.MaxValue"/> to release whatever version it was taken for.
    /// </remarks>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="conversation">The conversation, and the version it was stored (or read) at.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent as stored.</returns>
    /// <exception cref="AgentNotFoundException">The agent is unknown in the workspace.</exception>
    ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, ConversationVersion conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the reservations last taken before <paramref name="reservedBefore"/>, in every workspace, in a stable order
    /// of the directory's choosing (by key, say), a page at a time: what the engine's background pass reconciles.
    /// </summary>
    /// <param name="reservedBefore">Only reservations whose <see cref="AgentReservation.ReservedAt"/> is earlier.</param>
    /// <param name="after">The last reservation of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="maxCount">The most reservations to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="maxCount"/> reservations after <paramref name="after"/>; fewer means the last page.</returns>
    ValueTask<IReadOnlyList<AgentReservation>> ListReservationsAsync(
        DateTimeOffset reservedBefore, AgentReservation? after, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back <paramref name="reservation"/> if it is still as listed: not renewed since (same
    /// <see cref="AgentReservation.ReservedAt"/>), nor already given back.
    /// </summary>
    /// <param name="reservation">A reservation <see cref="ListReservationsAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True if this call gave it back.</returns>
    ValueTask<bool> ReleaseStaleAsync(AgentReservation reservation, CancellationToken cancellationToken);
}
