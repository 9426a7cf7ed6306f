using InboundConversations.Internal.Commands;

namespace InboundConversations.Internal.Engine;

/// <summary>The thin façade of <see cref="IConversationEngine"/> over the inbox's features.</summary>
internal sealed class ConversationEngine(Inbox inbox) : IConversationEngine
{
    /// <summary>The inbox, after the check that its container is not disposed: every call starts here.</summary>
    private Inbox Live
    {
        get
        {
            inbox.ThrowIfDisposed(nameof(IConversationEngine));
            return inbox;
        }
    }

    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        Live.Intake.ReceiveAsync(message, cancellationToken);

    public ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken = default) =>
        Live.Commands.OpenAsync(request, cancellationToken);

    public ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        Live.Commands.SendAsync(message, cancellationToken);

    public ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken = default) =>
        Live.Commands.CloseAsync(request, cancellationToken);

    public ValueTask<Conversation> AssignAsync(AssignConversationRequest request, CancellationToken cancellationToken = default) =>
        Live.Assignments.AssignAsync(request, cancellationToken);

    public ValueTask<Conversation> UnassignAsync(UnassignConversationRequest request, CancellationToken cancellationToken = default) =>
        Live.Assignments.UnassignAsync(request, cancellationToken);

    public ValueTask<Conversation> TransferAsync(TransferConversationRequest request, CancellationToken cancellationToken = default) =>
        Live.Assignments.TransferAsync(request, cancellationToken);

    public ValueTask<ResumeResult> ResumeWorkflowsAsync(CancellationToken cancellationToken = default) =>
        Live.Backstop.RunAsync(cancellationToken);

    public ValueTask<Conversation> GetConversationAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.Queries.GetConversationAsync(conversationId, workspace, cancellationToken);

    public ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.Queries.FindOpenConversationAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.Queries.GetContactConversationsAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.Queries.GetMessagesAsync(conversationId, workspace, cancellationToken);

    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        Live.Queries.FindWorkflowRunAsync(conversationId, workspace, cancellationToken);
}
