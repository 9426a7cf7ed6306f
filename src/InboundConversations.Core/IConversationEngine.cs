namespace InboundConversations;

/// <summary>
/// The inbound-conversation cycle: receive a contact's messages, open and close conversations, record replies,
/// read what happened. Resolve it from DI after <c>services.AddInboundConversations()</c>; it is a thread-safe
/// singleton.
/// </summary>
/// <remarks>
/// <para>A contact has at most one open conversation, always: work for one contact is serialized in this
/// process, and the store's atomic open is the final word across processes that share a store.</para>
/// <para>Every request is validated before anything is stored; bad input throws a specific
/// <see cref="InboundConversationsException"/> and changes nothing. Requests that leave
/// <c>Workspace</c> unset act in <see cref="WorkspaceId.Default"/>.</para>
/// <para>After the container is disposed, every call (reads included) throws <see cref="ObjectDisposedException"/>
/// before it touches any state; disposing again does nothing. Disposal does not wait for calls in flight: a call
/// that started before it completes as usual, as long as the stores it uses still answer. Stop the host's
/// traffic first, then dispose.</para>
/// </remarks>
public interface IConversationEngine
{
    /// <summary>
    /// Records a contact's message: it joins the contact's open conversation, or opens a new one
    /// (source <see cref="ConversationSource.Contact"/>, raising <see cref="ConversationOpened"/>) if none is open.
    /// A redelivery (same workspace, channel and external id) is recognised and applied nothing again.
    /// </summary>
    /// <param name="message">The message as the channel delivered it.</param>
    /// <param name="cancellationToken">Cancels the call; a token cancelled before the store write leaves nothing stored.</param>
    /// <returns>Which conversation the message belongs to, and whether it opened it or was a redelivery.</returns>
    /// <exception cref="InvalidIdentifierException">The contact, channel or external id is missing or malformed.</exception>
    /// <exception cref="InvalidMessageContentException">The content is null or empty, or holds a NUL character (U+0000) or an unpaired UTF-16 surrogate.</exception>
    /// <exception cref="MessageTooLargeException">The content is longer than <see cref="InboundConversationsOptions.MaxContentLength"/>.</exception>
    /// <exception cref="MessageSentInFutureException">The sent-at time is beyond <see cref="InboundConversationsOptions.MaxClockSkew"/>.</exception>
    /// <exception cref="InvalidRequestException">
    /// The sent-at time is missing, or the (channel, external id) was already recorded for another contact's message
    /// (field <c>ExternalId</c>; nothing is stored, and nothing of the other contact is revealed).
    /// </exception>
    /// <exception cref="StoreCorruptionException">The store holds two open conversations for the contact.</exception>
    /// <remarks>
    /// Safe to retry with the same message after any failure: a message already recorded is a redelivery. When the
    /// message opens a conversation and an inbound workflow is configured, the call runs the workflow (enrich, route,
    /// assign) before it returns, and the run goes to its end once the opening is stored, whatever the token says.
    /// A run a store failure interrupts stays unfinished and is resumed by <see cref="ProcessDueAsync"/>.
    /// </remarks>
    ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a conversation explicitly, as an agent (source <see cref="ConversationSource.Agent"/>), the API or a
    /// workflow, when the contact has none open; raises <see cref="ConversationOpened"/>.
    /// </summary>
    /// <param name="request">Who opens it, with which contact, on which channel.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new conversation, state <see cref="ConversationState.Unassigned"/>.</returns>
    /// <exception cref="OpenConversationExistsException">The contact already has an open conversation (the exception names it).</exception>
    /// <exception cref="InvalidActorException">The opener is a contact or missing.</exception>
    /// <exception cref="InvalidIdentifierException">The contact or channel is missing.</exception>
    ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records an outbound message (an agent's reply) in an open conversation; raises <see cref="MessageSent"/>.</summary>
    /// <param name="message">The message and its author.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded message, with its sequence in the conversation.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidActorException">The author is a contact or missing.</exception>
    /// <exception cref="InvalidMessageContentException">The content is null or empty, or holds a NUL character (U+0000) or an unpaired UTF-16 surrogate.</exception>
    /// <exception cref="MessageTooLargeException">The content is too long.</exception>
    ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes a conversation; raises <see cref="ConversationClosed"/>. Closed is terminal: the contact's next
    /// message opens a new conversation with a new id. A message racing the close lands before it or opens the next one.
    /// </summary>
    /// <param name="request">Which conversation, who closes it, and an optional category and notes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The closed conversation.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    /// <exception cref="ConversationClosedException">The conversation is already closed.</exception>
    /// <exception cref="InvalidActorException">The closer is a contact or missing.</exception>
    /// <exception cref="InvalidRequestException">The category or notes are too long.</exception>
    ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Assigns an open conversation to an agent by hand. The agent must be in the conversation's team (if it has
    /// one), not offline, and below capacity; a previous agent's capacity is given back. Raises
    /// <see cref="ConversationAssigned"/>; a workflow run waiting in the queue ends.
    /// </summary>
    /// <param name="request">The conversation, the agent, and who assigns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assigned conversation.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="AgentNotInTeamException">The agent is not in the conversation's team.</exception>
    /// <exception cref="AgentUnavailableException">The agent is offline or at capacity.</exception>
    /// <exception cref="InvalidActorException">The assigner is a contact or missing.</exception>
    ValueTask<Conversation> AssignAsync(AssignConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes an open conversation from its agent (capacity given back, the team's queue may move); it waits
    /// Unassigned. Raises <see cref="ConversationUnassigned"/>.
    /// </summary>
    /// <param name="request">The conversation and who unassigns it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The unassigned conversation.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidConversationTransitionException">The conversation is already unassigned.</exception>
    /// <exception cref="InvalidActorException">The actor is a contact or missing.</exception>
    ValueTask<Conversation> UnassignAsync(UnassignConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Transfers an open conversation to another team (assigned there by the workflow's assigner, or queued) or to
    /// a specific agent. The previous agent's capacity is given back.
    /// </summary>
    /// <param name="request">The conversation, the team or agent, and who transfers it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transferred conversation: assigned, queued, or unassigned (the "none" assigner).</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    /// <exception cref="InvalidRequestException">Neither a team nor an agent is named.</exception>
    /// <exception cref="InvalidActorException">The actor is a contact or missing.</exception>
    /// <exception cref="AgentNotFoundException">The agent named is not registered in the workspace.</exception>
    /// <exception cref="AgentNotInTeamException">The agent is not in the team named.</exception>
    /// <exception cref="AgentUnavailableException">The agent named is offline or at capacity.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    ValueTask<Conversation> TransferAsync(TransferConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Parks an open conversation until <see cref="SnoozeConversationRequest.Until"/> or the contact's next message,
    /// whichever comes first; raises <see cref="ConversationSnoozed"/>, and <see cref="ConversationWoke"/> when it wakes.
    /// It keeps its team and agent, and the agent's seat: a snoozed conversation counts against the agent's capacity.
    /// </summary>
    /// <param name="request">The conversation, until when, and who snoozes it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snoozed conversation (state <see cref="ConversationState.Snoozed"/>, its <see cref="ConversationTimerKind.SnoozeEnd"/> timer armed).</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidConversationTransitionException">
    /// The conversation is Triaging or Queued (it waits for the workflow or an agent: nobody owns it yet to park it), or already snoozed.
    /// </exception>
    /// <exception cref="InvalidActorException">The actor is a contact or missing.</exception>
    /// <exception cref="InvalidRequestException">
    /// <see cref="SnoozeConversationRequest.Until"/> is not later than now, or further ahead than
    /// <see cref="InboundConversationsOptions.MaxSnooze"/> (field <c>Until</c>).
    /// </exception>
    /// <remarks>
    /// It wakes back to Assigned if it has an agent, otherwise Unassigned. A contact's message to a snoozed
    /// conversation is stored first and wakes it right after, in the same call; if the process dies in between, the
    /// snooze's timer wakes it when due. A snoozed conversation is never auto-closed; a close, transfer, assignment or
    /// unassignment while snoozed is allowed and ends the snooze.
    /// </remarks>
    ValueTask<Conversation> SnoozeAsync(SnoozeConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The background pass: call it when the host starts, over stores an earlier process used, and periodically (every
    /// few seconds to a minute), in one process or several; the <c>InboundConversations.Hosting</c> package's
    /// <c>AddBackgroundProcessing()</c> does it for a generic host. It fires every due durable timer (a queue timeout's
    /// fallback, an auto-close, a snooze's end), each claimed under a lease so that one process fires it, and each
    /// through the engine's ordinary commands (events, capacity and queues stay right), never on a conversation whose
    /// state moved on since it was armed. It resumes every interrupted inbound workflow run (pending, or running
    /// under a lapsed claim; each is claimed with a versioned update and runs once) and ends a queued run whose
    /// conversation has left the queue; it releases agent reservations left behind (held for a conversation that is
    /// not that agent's, and older than twice the workflow's run lease, at least one minute); and it drains every team
    /// queue, so that no queue waits while a member of its team has room, whatever a crash or a failure skipped.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call; work not reached waits for the next pass (a timer already claimed, for its claim to lapse).</param>
    /// <returns>What the pass did, by kind. A step that fails is logged and the pass goes on; the next pass tries again.</returns>
    /// <remarks>
    /// <para>Timers are claimed up to 256 at a time, earliest due first, at most 4,096 per pass (the rest in the next
    /// pass); a claim lasts <see cref="InboundConversationsOptions.TimerLease"/>, so a timer whose claimant died (or whose
    /// firing failed) fires in the first pass after its claim lapses. A timer fires at most once per arming: the firing
    /// removes it in the same versioned write as its action. The steps run in this order: resume runs, release
    /// reservations left behind, drain queues, fire timers (so a queued conversation a member of its team has room for is
    /// assigned, not timed out).</para>
    /// <para>Reservations are checked a bounded number per pass (1,024, reading each one's conversation), continuing
    /// where the previous pass stopped, so one left behind is found within a few passes however many are held.</para>
    /// </remarks>
    ValueTask<ProcessDueResult> ProcessDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation's workflow run: status, facts, team, agent and each step's outcome and timing.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="workspace">Its workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/> if no workflow ran for the conversation.</returns>
    ValueTask<WorkflowRun?> FindWorkflowRunAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="workspace">Its workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation's current snapshot.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    ValueTask<Conversation> GetConversationAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads a contact's open conversation, if it has one.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="workspace">Its workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open conversation, or <see langword="null"/>.</returns>
    /// <exception cref="StoreCorruptionException">The store holds two open conversations for the contact.</exception>
    ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads all of a contact's conversations, the open one included, oldest first.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="workspace">Its workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversations in opening order; empty for a contact never seen.</returns>
    ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation's messages, inbound and outbound, in the order recorded.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="workspace">Its workspace; <c>default</c> is <see cref="WorkspaceId.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages by ascending sequence.</returns>
    /// <exception cref="ConversationNotFoundException">The conversation does not exist in the workspace.</exception>
    ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default);
}
