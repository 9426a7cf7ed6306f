namespace InboundConversations.Storage;

/// <summary>
/// What <see cref="IConversationStore.AppendInboundAsync"/> records: a validated inbound message, with the ids
/// and state to use if it opens a new conversation.
/// </summary>
public sealed record InboundAppend
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The contact who wrote.</summary>
    public required ContactId Contact { get; init; }

    /// <summary>The channel it came on.</summary>
    public required ChannelId Channel { get; init; }

    /// <summary>The channel's own message id: the idempotency key with <see cref="Channel"/>.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The message text.</summary>
    public required string Content { get; init; }

    /// <summary>When the contact sent it.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the library received it; also the opening time of a new conversation.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The id the message gets if it is recorded.</summary>
    public required MessageId MessageId { get; init; }

    /// <summary>The id a new conversation gets if this message opens one.</summary>
    public required ConversationId NewConversationId { get; init; }

    /// <summary>The state a new conversation starts in if this message opens one.</summary>
    public required ConversationState NewConversationState { get; init; }

    /// <summary>
    /// True when a conversation this message opens gets a pending workflow run (<see cref="ToPendingRun"/>), to
    /// store in the same atomic write as the conversation.
    /// </summary>
    public bool StartsWorkflow { get; init; }

    /// <summary>
    /// The timers an append to the contact's open conversation cancels, in the same atomic write (the engine names
    /// <see cref="ConversationTimerKind.AutoClose"/>: the contact replied). When one of them is armed the conversation is
    /// stored without it at the next version; otherwise the conversation is not rewritten. Default none.
    /// </summary>
    public IReadOnlyList<ConversationTimerKind> CancelTimers { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = [];

    /// <summary>The pending workflow run of the conversation this message opens, or <see langword="null"/> when none starts.</summary>
    /// <returns>The run, at version 1, status pending.</returns>
    public WorkflowRun? ToPendingRun() => StartsWorkflow ? WorkflowRun.Pending(Workspace, NewConversationId, ReceivedAt) : null;

    /// <summary>The conversation this message opens, if the contact has none open: version 1, source Contact.</summary>
    public Conversation ToNewConversation() => new()
    {
        Workspace = Workspace,
        Id = NewConversationId,
        Contact = Contact,
        Channel = Channel,
        Source = ConversationSource.Contact,
        OpenedBy = Actor.Contact(Contact),
        OpenedAt = ReceivedAt,
        State = NewConversationState,
        Version = 1,
    };

    /// <summary>The message as recorded in <paramref name="conversationId"/> at <paramref name="sequence"/>.</summary>
    /// <param name="conversationId">The conversation it lands in.</param>
    /// <param name="sequence">Its position there.</param>
    public ConversationMessage ToMessage(ConversationId conversationId, long sequence) => new()
    {
        Workspace = Workspace,
        Id = MessageId,
        ConversationId = conversationId,
        Contact = Contact,
        Direction = MessageDirection.Inbound,
        Channel = Channel,
        ExternalId = ExternalId,
        Author = Actor.Contact(Contact),
        Content = Content,
        SentAt = SentAt,
        RecordedAt = ReceivedAt,
        Sequence = sequence,
    };
}
