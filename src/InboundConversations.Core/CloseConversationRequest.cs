namespace InboundConversations;

/// <summary>Closes a resolved conversation. Closed is terminal.</summary>
public sealed record CloseConversationRequest
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The open conversation to close.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>Who closes it: an agent, the API or a workflow; never the contact.</summary>
    public required Actor ClosedBy { get; init; }

    /// <summary>An optional resolution category, at most <see cref="InboundConversationsOptions.MaxCategoryLength"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Optional notes, at most <see cref="InboundConversationsOptions.MaxNotesLength"/>. Never logged.</summary>
    public string? Notes { get; init; }
}
