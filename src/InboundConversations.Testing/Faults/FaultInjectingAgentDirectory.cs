using InboundConversations.Storage;

namespace InboundConversations.Testing.Faults;

/// <summary>
/// An <see cref="IAgentDirectory"/> around a host's own that injects the faults a <see cref="FaultPlan"/> decides.
/// Writes (<see cref="RegisterAsync"/>, <see cref="SetPresenceAsync"/>, <see cref="SetCapacityAsync"/>,
/// <see cref="ReserveAsync"/>, <see cref="ReleaseAsync"/>) get faults by default; reads only if the plan says so.
/// </summary>
/// <remarks>
/// The port has no idempotency key for a reservation: a <see cref="FaultKind.FailAfterCommit"/> on
/// <see cref="ReserveAsync"/> or <see cref="ReleaseAsync"/> leaves a load the caller cannot know about, and an
/// agent's load drifts from their conversations. That is a limit of the port, which these faults show; exempt those
/// two operations (<see cref="FaultPlan.SetRates"/>) when a test checks that loads match exactly.
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
    public ValueTask<IReadOnlyList<Agent>> ListTeamAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken) =>
        Read(nameof(ListTeamAsync), () => _inner.ListTeamAsync(workspace, team, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent> SetPresenceAsync(WorkspaceId workspace, AgentId agent, AgentPresence presence, CancellationToken cancellationToken) =>
        Write(nameof(SetPresenceAsync), () => _inner.SetPresenceAsync(workspace, agent, presence, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent> SetCapacityAsync(WorkspaceId workspace, AgentId agent, int capacity, CancellationToken cancellationToken) =>
        Write(nameof(SetCapacityAsync), () => _inner.SetCapacityAsync(workspace, agent, capacity, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent?> ReserveAsync(WorkspaceId workspace, TeamId team, AgentSelection selection, DateTimeOffset now, CancellationToken cancellationToken) =>
        Write(nameof(ReserveAsync), () => _inner.ReserveAsync(workspace, team, selection, now, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken) =>
        Write(nameof(ReleaseAsync), () => _inner.ReleaseAsync(workspace, agent, cancellationToken));

    private ValueTask<T> Write<T>(string operation, Func<ValueTask<T>> call) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, operation, IsWrite: true), call);

    private ValueTask<T> Read<T>(string operation, Func<ValueTask<T>> call) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, operation, IsWrite: false), call);
}
