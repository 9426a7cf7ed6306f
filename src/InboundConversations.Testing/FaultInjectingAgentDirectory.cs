using InboundConversations.Storage;
using InboundConversations.Testing.Internal;

namespace InboundConversations.Testing;

/// <summary>
/// An <see cref="IAgentDirectory"/> around a host's own that injects the faults a <see cref="FaultPlan"/> decides.
/// Writes (<see cref="RegisterAsync"/>, <see cref="SetPresenceAsync"/>, <see cref="SetCapacityAsync"/>,
/// <see cref="ReserveAsync"/>, <see cref="ReleaseAsync"/>) get faults by default; reads only if the plan says so.
/// </summary>
/// <remarks>
/// Reservations are keyed by conversation, so a <see cref="FaultKind.FailAfterCommit"/> on <see cref="ReserveAsync"/>
/// or <see cref="ReleaseAsync"/> leaves at worst a reservation whose conversation is not assigned to its agent, which
/// the engine's background pass (<c>ProcessDueAsync</c>) releases once it is older than the grace period.
/// <see cref="ListReservationsAsync"/> is a read; <see cref="ReleaseStaleAsync"/> a write.
/// </remarks>
/// <param name="inner">The directory that keeps the data; check the invariants against it.</param>
/// <param name="plan">What to inject.</param>
public sealed class FaultInjectingAgentDirectory(IAgentDirectory inner, FaultPlan plan) : IAgentDirectory
{
    private const string Port = nameof(IAgentDirectory);
    private readonly IAgentDirectory _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly FaultPlan _plan = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>The wrapped directory.</summary>
    public IAgentDirectory Inner => _inner;

    /// <summary>The plan deciding the faults.</summary>
    public FaultPlan Plan => _plan;

    /// <inheritdoc />
    public ValueTask<Agent> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken) =>
        Write(nameof(RegisterAsync), () => _inner.RegisterAsync(registration, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent?> FindAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken) =>
        Read(nameof(FindAsync), () => _inner.FindAsync(workspace, agent, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListTeamMembersAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken) =>
        Read(nameof(ListTeamMembersAsync), () => _inner.ListTeamMembersAsync(workspace, team, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent> SetPresenceAsync(WorkspaceId workspace, AgentId agent, AgentPresence presence, CancellationToken cancellationToken) =>
        Write(nameof(SetPresenceAsync), () => _inner.SetPresenceAsync(workspace, agent, presence, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent> SetCapacityAsync(WorkspaceId workspace, AgentId agent, int capacity, CancellationToken cancellationToken) =>
        Write(nameof(SetCapacityAsync), () => _inner.SetCapacityAsync(workspace, agent, capacity, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent?> ReserveAsync(
        WorkspaceId workspace, TeamId team, AgentSelection selection, ConversationVersion conversation, DateTimeOffset now, CancellationToken cancellationToken) =>
        Write(nameof(ReserveAsync), () => _inner.ReserveAsync(workspace, team, selection, conversation, now, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, ConversationVersion conversation, CancellationToken cancellationToken) =>
        Write(nameof(ReleaseAsync), () => _inner.ReleaseAsync(workspace, agent, conversation, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AgentReservation>> ListReservationsAsync(
        DateTimeOffset reservedBefore, AgentReservation? after, int maxCount, CancellationToken cancellationToken) =>
        Read(nameof(ListReservationsAsync), () => _inner.ListReservationsAsync(reservedBefore, after, maxCount, cancellationToken));

    /// <inheritdoc />
    public ValueTask<bool> ReleaseStaleAsync(AgentReservation reservation, CancellationToken cancellationToken) =>
        Write(nameof(ReleaseStaleAsync), () => _inner.ReleaseStaleAsync(reservation, cancellationToken));

    private ValueTask<T> Write<T>(string operation, Func<ValueTask<T>> call) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, operation, IsWrite: true), call);

    private ValueTask<T> Read<T>(string operation, Func<ValueTask<T>> call) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, operation, IsWrite: false), call);
}
