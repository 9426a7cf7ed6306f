using InboundConversations.Internal.Changes;

namespace InboundConversations.Internal.Commands;

/// <summary>Reads: validated, then answered by the store. No gate is taken; snapshots are immutable.</summary>
internal sealed class ConversationQueries(ChangeContext context)
{
    public async ValueTask<Conversation> GetConversationAsync(ConversationId id, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(id);
        return await context.Store.FindAsync(workspace, id, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(workspace, id);
    }

    public ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(contact);
        return context.Store.FindOpenAsync(workspace, contact, cancellationToken);
    }

    public ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(contact);
        return context.Store.ListByContactAsync(workspace, contact, cancellationToken);
    }

    public ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId id, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(id);
        return context.Store.ListMessagesAsync(workspace, id, cancellationToken);
    }

    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(ConversationId id, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        RequestValidator.Validate(id);
        return context.Store.FindWorkflowRunAsync(workspace, id, cancellationToken);
    }
}
