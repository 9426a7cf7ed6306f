namespace InboundConversations;

/// <summary>No conversation with this id exists in this workspace. Nothing was stored.</summary>
public sealed class ConversationNotFoundException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="workspace">The workspace that was searched.</param>
    /// <param name="conversationId">The id that was not found.</param>
    public ConversationNotFoundException(WorkspaceId workspace, ConversationId conversationId)
        : base($"No conversation {conversationId} exists in workspace '{workspace}'.")
    {
        Workspace = workspace;
        ConversationId = conversationId;
    }

    /// <summary>The workspace that was searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The id that was not found.</summary>
    public ConversationId ConversationId { get; }
}
