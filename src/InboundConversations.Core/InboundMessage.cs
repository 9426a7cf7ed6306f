namespace InboundConversations;

/// <summary>A message a contact sent, as the host's channel adapter received it.</summary>
public sealed record InboundMessage
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The contact who wrote (the host resolved the channel address to this id).</summary>
    public required ContactId Contact { get; init; }

    /// <summary>The channel it arrived on.</summary>
    public required ChannelId Channel { get; init; }

    /// <summary>
    /// The channel's own id for the message. With <see cref="Channel"/> it identifies a redelivery, which is
    /// recognised and not applied again. Follows the identifier rules (1 to 256 characters).
    /// </summary>
    public required string ExternalId { get; init; }

    /// <summary>The message text: not empty, at most <see cref="InboundConversationsOptions.MaxContentLength"/>.</summary>
    public required string Content { get; init; }

    /// <summary>When the contact sent it; at most <see cref="InboundConversationsOptions.MaxClockSkew"/> in the future.</summary>
    public required DateTimeOffset SentAt { get; init; }
}
