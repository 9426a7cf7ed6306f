namespace InboundConversations;

/// <summary>A message recorded in a conversation, inbound or outbound. Immutable once recorded.</summary>
public sealed record ConversationMessage
{
    /// <summary>The workspace the message lives in.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The message's id, assigned by the library.</summary>
    public required MessageId Id { get; init; }

    /// <summary>The conversation the message belongs to (exactly one).</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>The contact of that conversation.</summary>
    public required ContactId Contact { get; init; }

    /// <summary>Inbound (from the contact) or outbound (to the contact).</summary>
    public required MessageDirection Direction { get; init; }

    /// <summary>The channel the message travelled on.</summary>
    public required ChannelId Channel { get; init; }

    /// <summary>
    /// The channel's own id of an inbound message; (<see cref="Channel"/>, <see cref="ExternalId"/>) is unique in a
    /// workspace, which is how a redelivery is recognised. <see langword="null"/> for outbound messages.
    /// </summary>
    public string? ExternalId { get; init; }

    /// <summary>Who wrote it: the contact for inbound messages; an agent, the API or a workflow for outbound ones.</summary>
    public required Actor Author { get; init; }

    /// <summary>The message's text. Never logged by the library.</summary>
    public required string Content { get; init; }

    /// <summary>When the sender says it was sent.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the library recorded it, by its <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Its position in the conversation: 1 for the first message, then consecutive, in the order recorded.</summary>
    public required long Sequence { get; init; }
}
