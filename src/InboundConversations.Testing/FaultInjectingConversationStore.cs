using InboundConversations.Storage;
using InboundConversations.Testing.Internal;

namespace InboundConversations.Testing;

/// <summary>
/// An <see cref="IConversationStore"/> around a host's own that injects the faults a <see cref="FaultPlan"/> decides:
/// transient failures, delays, and failures after commit. Writes (<see cref="AppendInboundAsync"/>,
/// <see cref="OpenAsync"/>, <see cref="AppendOutboundAsync"/>, <see cref="UpdateAsync"/>, <see cref="ClaimDueAsync"/>,
/// <see cref="UpdateWorkflowRunAsync"/>) get faults by default; reads only if the plan says so.
/// </summary>
/// <example>
/// <code>
/// var plan = new FaultPlan(seed, new FaultRates(Transient: 0.1, Delay: 0.1, FailAfterCommit: 0.05));
/// services.AddInboundConversations().UseConversationStore(_ => new FaultInjectingConversationStore(mySqlStore, plan));
/// // … drive the engine, retrying on InjectedFaultException; then plan.IsEnabled = false and check mySqlStore.
/// </code>
/// </example>
/// <param name="inner">The store that keeps the data; check the invariants against it.</param>
/// <param name="plan">What to inject.</param>
public sealed class FaultInjectingConversationStore(IConversationStore inner, FaultPlan plan) : IConversationStore
{
    private const string Port = nameof(IConversationStore);
    private readonly IConversationStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly FaultPlan _plan = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>The wrapped store.</summary>
    public IConversationStore Inner => _inner;

    /// <summary>The plan deciding the faults.</summary>
    public FaultPlan Plan => _plan;

    /// <inheritdoc />
    public ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken) =>
        Write(nameof(AppendInboundAsync), () => _inner.AppendInboundAsync(append, cancellationToken));

    /// <inheritdoc />
    public ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, WorkflowRun? pendingRun, CancellationToken cancellationToken) =>
        Write(nameof(OpenAsync), () => _inner.OpenAsync(conversation, pendingRun, cancellationToken));

    /// <inheritdoc />
    public ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, ConversationTimer? arm, CancellationToken cancellationToken) =>
        Write(nameof(AppendOutboundAsync), () => _inner.AppendOutboundAsync(message, arm, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken) =>
        Write(nameof(UpdateAsync), () => _inner.UpdateAsync(conversation, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        Read(nameof(FindAsync), () => _inner.FindAsync(workspace, conversationId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        Read(nameof(FindOpenAsync), () => _inner.FindOpenAsync(workspace, contact, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        Read(nameof(ListByContactAsync), () => _inner.ListByContactAsync(workspace, contact, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        Read(nameof(ListMessagesAsync), () => _inner.ListMessagesAsync(workspace, conversationId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        Read(nameof(FindWorkflowRunAsync), () => _inner.FindWorkflowRunAsync(workspace, conversationId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<WorkflowRun> UpdateWorkflowRunAsync(WorkflowRun run, CancellationToken cancellationToken) =>
        Write(nameof(UpdateWorkflowRunAsync), () => _inner.UpdateWorkflowRunAsync(run, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WorkflowRun>> ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken) =>
        Read(nameof(ListUnfinishedWorkflowRunsAsync), () => _inner.ListUnfinishedWorkflowRunsAsync(maxCount, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken) =>
        Write(nameof(ClaimDueAsync), () => _inner.ClaimDueAsync(now, lease, maxCount, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> ListQueuedAsync(WorkspaceId workspace, TeamId team, int maxCount, CancellationToken cancellationToken) =>
        Read(nameof(ListQueuedAsync), () => _inner.ListQueuedAsync(workspace, team, maxCount, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<QueuedTeam>> ListQueuedTeamsAsync(QueuedTeam? after, int maxCount, CancellationToken cancellationToken) =>
        Read(nameof(ListQueuedTeamsAsync), () => _inner.ListQueuedTeamsAsync(after, maxCount, cancellationToken));

    private ValueTask<T> Write<T>(string operation, Func<ValueTask<T>> call) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, operation, IsWrite: true), call);

    private ValueTask<T> Read<T>(string operation, Func<ValueTask<T>> call) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, operation, IsWrite: false), call);
}
