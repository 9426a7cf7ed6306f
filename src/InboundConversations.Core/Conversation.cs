namespace InboundConversations;

/// <summary>
/// A stored conversation: every interaction with one contact from its opening until its closing.
/// An immutable snapshot: changes produce a new snapshot with a higher <see cref="Version"/>.
/// </summary>
public sealed record Conversation
{
    /// <summary>The workspace (tenant) the conversation lives in.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The conversation's id, unique in its workspace; a new conversation always gets a new id.</summary>
    public required ConversationId Id { get; init; }

    /// <summary>The contact the conversation is with.</summary>
    public required ContactId Contact { get; init; }

    /// <summary>The channel the conversation opened on.</summary>
    public required ChannelId Channel { get; init; }

    /// <summary>Who opened it: the contact's message, an agent, a workflow or the API.</summary>
    public required ConversationSource Source { get; init; }

    /// <summary>The actor that opened it.</summary>
    public required Actor OpenedBy { get; init; }

    /// <summary>When it was opened, by the library's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Its lifecycle state.</summary>
    public required ConversationState State { get; init; }

    /// <summary>The team responsible for it, once routed (or transferred); <see langword="null"/> before.</summary>
    public TeamId? Team { get; init; }

    /// <summary>
    /// The agent who owns it while <see cref="ConversationState.Assigned"/>; kept once closed (who handled it);
    /// <see langword="null"/> while no agent owns it.
    /// </summary>
    public AgentId? Assignee { get; init; }

    /// <summary>When it entered its team's queue, while <see cref="ConversationState.Queued"/>: the queue's order.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>How it was closed; <see langword="null"/> while it is open.</summary>
    public ConversationClosure? Closure { get; init; }

    /// <summary>
    /// The optimistic-concurrency version: 1 when opened, one more on every stored change. An update based on an
    /// older version is rejected with <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    public required long Version { get; init; }

    /// <summary>
    /// The conversation's armed durable timers (a queue timeout, an auto-close, a snooze's end), stored with it and
    /// changed in the same atomic write as the change that arms or cancels them. Empty when none is armed.
    /// </summary>
    public ConversationTimers Timers { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = ConversationTimers.Empty;

    /// <summary>When the snooze of a <see cref="ConversationState.Snoozed"/> conversation ends; otherwise <see langword="null"/>.</summary>
    public DateTimeOffset? SnoozedUntil => State == ConversationState.Snoozed ? Timers.Find(ConversationTimerKind.SnoozeEnd)?.DueAt : null;

    /// <summary>True unless <see cref="State"/> is <see cref="ConversationState.Closed"/>.</summary>
    public bool IsOpen => State != ConversationState.Closed;
}
