namespace InboundConversations.Engine;

/// <summary>The thin façade of <see cref="IConversationEngine"/> over the inbox's features.</summary>
internal sealed class ConversationEngine(Inbox inbox) : IConversationEngine
{
    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        inbox.Intake.ReceiveAsync(message, cancellationToken);

    public ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken = default) =>
        inbox.Commands.OpenAsync(request, cancellationToken);

    public ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        inbox.Commands.SendAsync(message, cancellationToken);

    public ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken = default) =>
        inbox.Commands.CloseAsync(request, cancellationToken);

    public ValueTask<Conversation> AssignAsync(AssignConversationRequest request, CancellationToken cancellationToken = default) =>
        inbox.Assignments.AssignAsync(request, cancellationToken);

    public ValueTask<Conversation> UnassignAsync(UnassignConversationRequest request, CancellationToken cancellationToken = default) =>
        inbox.Assignments.UnassignAsync(request, cancellationToken);

    public ValueTask<Conversation> TransferAsync(TransferConversationRequest request, CancellationToken cancellationToken = default) =>
        inbox.Assignments.TransferAsync(request, cancellationToken);

    public ValueTask<int> ResumeWorkflowsAsync(CancellationToken cancellationToken = default) =>
        inbox.Runner?.ResumeAsync(cancellationToken) ?? ValueTask.FromResult(0);

    public ValueTask<Conversation> GetConversationAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        inbox.Queries.GetConversationAsync(conversationId, workspace, cancellationToken);

    public ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        inbox.Queries.FindOpenConversationAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        inbox.Queries.GetContactConversationsAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        inbox.Queries.GetMessagesAsync(conversationId, workspace, cancellationToken);

    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        inbox.Queries.FindWorkflowRunAsync(conversationId, workspace, cancellationToken);
}
