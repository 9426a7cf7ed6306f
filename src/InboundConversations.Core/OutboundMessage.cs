namespace InboundConversations;

/// <summary>A message to record in an open conversation: an agent's reply, or one from the API or a workflow.</summary>
public sealed record OutboundMessage
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The open conversation to write in.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>Who wrote it: an agent, the API or a workflow (a contact writes through <see cref="IConversationEngine.ReceiveAsync"/>).</summary>
    public required Actor Author { get; init; }

    /// <summary>The message text: not empty, at most <see cref="InboundConversationsOptions.MaxContentLength"/>.</summary>
    public required string Content { get; init; }

    /// <summary>The channel to send it on; unset means the channel the conversation opened on.</summary>
    public ChannelId Channel { get; init; }
}
