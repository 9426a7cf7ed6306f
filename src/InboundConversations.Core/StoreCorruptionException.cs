namespace InboundConversations;

/// <summary>
/// The store holds data that breaks an invariant the library never writes: for example two open conversations
/// for one contact (written by something else, or legacy data). The store reports it instead of guessing.
/// </summary>
public sealed class StoreCorruptionException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="workspace">The workspace holding the data.</param>
    /// <param name="conversationIds">The conversations involved.</param>
    /// <param name="description">What is wrong.</param>
    public StoreCorruptionException(WorkspaceId workspace, IReadOnlyList<ConversationId> conversationIds, string description)
        : base($"Store corruption in workspace '{workspace}': {description} (conversations {string.Join(", ", conversationIds)}).")
    {
        Workspace = workspace;
        ConversationIds = conversationIds;
    }

    /// <summary>The workspace holding the corrupt data.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The conversations involved.</summary>
    public IReadOnlyList<ConversationId> ConversationIds { get; }
}
