namespace InboundConversations;

/// <summary>An explicit open by an agent (source User), the API (source Api) or a workflow (source Workflow).</summary>
public sealed record OpenConversationRequest
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The contact to open a conversation with; it must have none open.</summary>
    public required ContactId Contact { get; init; }

    /// <summary>The channel the conversation is on.</summary>
    public required ChannelId Channel { get; init; }

    /// <summary>
    /// Who opens it: <see cref="Actor.Agent"/> (source <see cref="ConversationSource.Agent"/>),
    /// <see cref="Actor.Api"/> (source <see cref="ConversationSource.Api"/>) or <see cref="Actor.Workflow"/>
    /// (source <see cref="ConversationSource.Workflow"/>). A contact opens one by writing.
    /// </summary>
    public required Actor OpenedBy { get; init; }
}
