namespace InboundConversations.Storage;

/// <summary>
/// Stores conversations and their messages: the port a host implements for its own database
/// (the library ships <see cref="InMemoryConversationStore"/>). Conversations and messages share one
/// port because the promises below span both in one atomic write.
/// </summary>
/// <remarks>
/// <para>What an implementation must guarantee (prove it by inheriting the contract suites of
/// <c>InboundConversations.Testing</c>):</para>
/// <list type="bullet">
/// <item><description><b>One open conversation per contact.</b> <see cref="AppendInboundAsync"/> and <see cref="OpenAsync"/>
/// open a conversation only if the contact has none open, atomically: concurrent callers for one contact, in
/// this process or another, see the same open conversation. (In SQL: a unique index on the contact where the
/// conversation is open.)</description></item>
/// <item><description><b>The pending workflow run is stored with the opening.</b> When an opening carries a pending
/// <see cref="WorkflowRun"/>, the run is written in the same atomic write as the conversation, so a crash can never
/// leave a contact-opened conversation without its run.</description></item>
/// <item><description><b>Idempotent intake.</b> An inbound message is recorded at most once per (workspace, channel,
/// external id), and the "seen" key is written in the same atomic write as the message: a failed write leaves
/// no key behind.</description></item>
/// <item><description><b>No message lands in a closed conversation.</b> Appending to the open conversation and closing it
/// are ordered: an inbound message either lands before the close or opens the next conversation after it.</description></item>
/// <item><description><b>Optimistic updates.</b> <see cref="UpdateAsync"/> applies only over the version it was based on,
/// and throws <see cref="ConcurrencyConflictException"/> otherwise, never a provider exception.</description></item>
/// <item><description><b>Closed is terminal.</b> <see cref="UpdateAsync"/> of a conversation stored as closed throws
/// <see cref="ConversationClosedException"/>, and a closed conversation never takes a message.</description></item>
/// <item><description><b>Timers are stored with the conversation.</b> <see cref="Conversation.Timers"/> is part of the snapshot:
/// <see cref="OpenAsync"/> and <see cref="UpdateAsync"/> store it in the same atomic write as the rest;
/// <see cref="AppendOutboundAsync"/> arms its timer, and <see cref="AppendInboundAsync"/> cancels the
/// <see cref="InboundAppend.CancelTimers"/>, each with its message and at the next version.</description></item>
/// <item><description><b>Due timers are claimed once.</b> <see cref="ClaimDueAsync"/> returns open conversations with a timer due,
/// earliest first, each claimed for a lease: while the claim lasts no other call returns it, in this process or
/// another; any write of the conversation ends its claim. It reads only due conversations (in SQL: an index on the
/// earliest due time).</description></item>
/// <item><description><b>Workspace isolation.</b> Every key includes the workspace.</description></item>
/// <item><description><b>Corruption is reported.</b> A read that finds two open conversations for one contact throws
/// <see cref="StoreCorruptionException"/>; it never answers "none".</description></item>
/// <item><description><b>Cancellation.</b> A token cancelled before the call throws <see cref="OperationCanceledException"/> and writes nothing.</description></item>
/// </list>
/// Implementations must be safe to call from many threads at once.
/// </remarks>
public interface IConversationStore
{
    /// <summary>
    /// Records an inbound message atomically: a redelivery is recognised; otherwise the message joins the
    /// contact's open conversation, or a new conversation (described by <paramref name="append"/>) is opened for it.
    /// </summary>
    /// <param name="append">The message and the conversation to open if the contact has none open.</param>
    /// <param name="cancellationToken">Cancels the call; once the write has begun it completes.</param>
    /// <returns>What happened: opened, appended, or a duplicate naming the original message.</returns>
    /// <exception cref="StoreCorruptionException">The contact has more than one open conversation.</exception>
    ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken);

    /// <summary>Opens <paramref name="conversation"/> if its contact has no open conversation, atomically.</summary>
    /// <param name="conversation">The new conversation, at <see cref="Conversation.Version"/> 1, open.</param>
    /// <param name="pendingRun">The conversation's pending workflow run, stored in the same write; <see langword="null"/> if no workflow applies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored conversation, or the contact's conversation that is already open.</returns>
    /// <exception cref="StoreCorruptionException">The contact has more than one open conversation.</exception>
    ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, WorkflowRun? pendingRun, CancellationToken cancellationToken);

    /// <summary>Records an outbound message in an open conversation; the store assigns its sequence.</summary>
    /// <param name="message">The message; its <see cref="ConversationMessage.Sequence"/> is ignored.</param>
    /// <param name="arm">
    /// A timer to arm in the same atomic write (replacing the conversation's timer of its kind; the engine re-arms
    /// <see cref="ConversationTimerKind.AutoClose"/> on an agent's message), which stores the conversation at the next
    /// version; <see langword="null"/> leaves the conversation as it is.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message as recorded.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the message's workspace.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed (perhaps by a concurrent close).</exception>
    ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, ConversationTimer? arm, CancellationToken cancellationToken);

    /// <summary>Replaces a conversation if its stored version is <paramref name="conversation"/>'s version.</summary>
    /// <param name="conversation">The new snapshot, carrying the version it was based on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored snapshot, at the next version.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version differs: someone else changed it first.</exception>
    /// <exception cref="ConversationClosedException">The stored conversation is closed (closed is terminal).</exception>
    ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken);

    /// <summary>Reads a conversation.</summary>
    /// <param name="workspace">The workspace to look in.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation, or <see langword="null"/> if the workspace has none with this id.</returns>
    ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken);

    /// <summary>Reads a contact's open conversation.</summary>
    /// <param name="workspace">The workspace to look in.</param>
    /// <param name="contact">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open conversation, or <see langword="null"/> if the contact has none open.</returns>
    /// <exception cref="StoreCorruptionException">The contact has more than one open conversation.</exception>
    ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken);

    /// <summary>Reads all of a contact's conversations, open and closed, oldest first.</summary>
    /// <param name="workspace">The workspace to look in.</param>
    /// <param name="contact">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversations in the order they were opened; empty for an unknown contact.</returns>
    ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken);

    /// <summary>Reads a conversation's messages in order.</summary>
    /// <param name="workspace">The workspace to look in.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages by ascending <see cref="ConversationMessage.Sequence"/>.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken);

    /// <summary>Reads a conversation's workflow run.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/> if the conversation has none.</returns>
    ValueTask<WorkflowRun?> FindWorkflowRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken);

    /// <summary>Replaces a workflow run if its stored version is <paramref name="run"/>'s version.</summary>
    /// <param name="run">The new snapshot, carrying the version it was based on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored run, at the next version.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation has no run.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version differs.</exception>
    ValueTask<WorkflowRun> UpdateWorkflowRunAsync(WorkflowRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the runs not ended yet (<see cref="WorkflowRun.IsUnfinished"/>: pending, running or queued), in every
    /// workspace, oldest first: the work a restarted engine resumes or reconciles.
    /// </summary>
    /// <param name="maxCount">The most runs to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="maxCount"/> unfinished runs.</returns>
    ValueTask<IReadOnlyList<WorkflowRun>> ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Reads a team's queue: its conversations in state Queued, in the order they were queued.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="team">The team.</param>
    /// <param name="maxCount">The most conversations to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="maxCount"/> queued conversations, first queued first.</returns>
    ValueTask<IReadOnlyList<Conversation>> ListQueuedAsync(WorkspaceId workspace, TeamId team, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Reads which teams have a queue (at least one conversation in state Queued), in every workspace, ordered by
    /// workspace then team (ordinal), a page at a time: the teams the engine's background pass drains.
    /// </summary>
    /// <param name="after">The last team of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="maxCount">The most teams to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="maxCount"/> teams after <paramref name="after"/>; fewer means the last page.</returns>
    ValueTask<IReadOnlyList<QueuedTeam>> ListQueuedTeamsAsync(QueuedTeam? after, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the open conversations, in every workspace, that have a timer due at <paramref name="now"/> and no live
    /// claim (none, or one that lapsed), earliest due first: the work of the engine's background pass. Each is claimed
    /// until <paramref name="now"/> + <paramref name="lease"/>; a concurrent call never returns a conversation this call
    /// claimed while the claim lasts, and any write of the conversation (<see cref="UpdateAsync"/>, an append that arms
    /// or cancels a timer) ends its claim. It reads no conversation whose timers are not due.
    /// </summary>
    /// <param name="now">The current time, by the engine's clock.</param>
    /// <param name="lease">How long the claim lasts; above zero.</param>
    /// <param name="maxCount">The most conversations to claim; above zero.</param>
    /// <param name="cancellationToken">Cancels the call; a token cancelled before the call claims nothing.</param>
    /// <returns>Up to <paramref name="maxCount"/> claimed conversations as stored, their due timers among <see cref="Conversation.Timers"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lease"/> or <paramref name="maxCount"/> is not above zero.</exception>
    ValueTask<IReadOnlyList<Conversation>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken);
}
