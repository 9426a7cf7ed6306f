using InboundConversations.Internal.Commands;

namespace InboundConversations.Internal.Engine;

/// <summary>The thin façade of <see cref="IConversationEngine"/>: the lifetime check, then the command or read that serves the call.</summary>
internal sealed class ConversationEngine(
    InboxLifetime lifetime,
    Intake intake,
    ConversationCommands commands,
    AssignmentCommands assignments,
    SnoozeCommands snoozes,
    ConversationQueries queries,
    Backstop backstop) : IConversationEngine
{
    /// <summary>Every call starts here: an engine whose container was disposed touches nothing.</summary>
    private T Live<T>(T feature)
    {
        lifetime.ThrowIfDisposed(nameof(IConversationEngine));
        return feature;
    }

    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        Live(intake).ReceiveAsync(message, cancellationToken);

    public ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken = default) =>
        Live(commands).OpenAsync(request, cancellationToken);

    public ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        Live(commands).SendAsync(message, cancellationToken);

    public ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken = default) =>
        Live(commands).CloseAsync(request, cancellationToken);

    public ValueTask<Conversation> AssignAsync(AssignConversationRequest request, CancellationToken cancellationToken = default) =>
        Live(assignments).AssignAsync(request, cancellationToken);

    public ValueTask<Conversation> UnassignAsync(UnassignConversationRequest request, CancellationToken cancellationToken = default) =>
        Live(assignments).UnassignAsync(request, cancellationToken);

    public ValueTask<Conversation> TransferAsync(TransferConversationRequest request, CancellationToken cancellationToken = default) =>
        Live(assignments).TransferAsync(request, cancellationToken);

    public ValueTask<Conversation> SnoozeAsync(SnoozeConversationRequest request, CancellationToken cancellationToken = default) =>
        Live(snoozes).SnoozeAsync(request, cancellationToken);

    public ValueTask<ProcessDueResult> ProcessDueAsync(CancellationToken cancellationToken = default) =>
        Live(backstop).RunAsync(cancellationToken);

    public ValueTask<Conversation> GetConversationAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live(queries).GetConversationAsync(conversationId, workspace, cancellationToken);

    public ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live(queries).FindOpenConversationAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live(queries).GetContactConversationsAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live(queries).GetMessagesAsync(conversationId, workspace, cancellationToken);

    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live(queries).FindWorkflowRunAsync(conversationId, workspace, cancellationToken);
}
