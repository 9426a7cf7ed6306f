using System.Collections.Concurrent;
using InboundConversations.Storage.Internal;

namespace InboundConversations.Storage;

/// <summary>
/// The shipped, thread-safe, in-process <see cref="IConversationStore"/>: the default when a host registers
/// nothing else, and the store to test against. Data lives as long as the instance; nothing is persisted.
/// </summary>
/// <remarks>
/// Each contact has its own lock, so work for different contacts proceeds in parallel. Appending to an open
/// conversation is O(1): one dictionary look-up for the contact, one for the idempotency key, one list append.
/// It keeps every promise of <see cref="IConversationStore"/> within one process; several processes need a
/// shared database adapter instead.
/// </remarks>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<(WorkspaceId, ContactId), ContactRecord> _contacts = new();
    private readonly ConcurrentDictionary<(WorkspaceId, ConversationId), ConversationRecord> _conversations = new();
    private readonly ConcurrentDictionary<(WorkspaceId, ChannelId, string), ConversationMessage> _seen = new();
    private readonly TeamQueues _queues = new();
    private readonly DueTimers _timers = new();

    /// <inheritdoc />
    public ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        cancellationToken.ThrowIfCancellationRequested();
        var seenKey = (append.Workspace, append.Channel, append.ExternalId);
        var contact = ContactOf(append.Workspace, append.Contact);
        lock (contact)
        {
            // A redelivery is found by the TryAdd below, which costs one look-up of the key instead of two. Only when
            // the contact's data is corrupt (two open conversations) is the key looked up first, so that a redelivery
            // still answers Duplicate there rather than reporting the corruption.
            if (contact.HasSeveralOpen && _seen.TryGetValue(seenKey, out var original))
            {
                return ValueTask.FromResult(new InboundAppendResult(InboundAppendOutcome.Duplicate, original, null));
            }

            var open = contact.SingleOpen(append.Workspace);
            var opened = open is null ? new ConversationRecord(append.ToNewConversation()) : null;
            var target = open ?? opened!;
            var message = append.ToMessage(target.Current.Id, target.MessageCount + 1);

            // The "seen" key and the message are written together: nothing below can fail once the key is taken.
            if (!_seen.TryAdd(seenKey, message))
            {
                // A redelivery, or the same external id recorded for another contact: the first message stands.
                return ValueTask.FromResult(new InboundAppendResult(InboundAppendOutcome.Duplicate, _seen[seenKey], null));
            }

            if (opened is not null)
            {
                opened.Run = append.ToPendingRun();
                _conversations[(append.Workspace, opened.Current.Id)] = opened;
                contact.Add(opened);
            }

            target.AddMessage(message);
            if (open is not null && CancelTimers(open.Current, append.CancelTimers) is { } cancelled)
            {
                open.Current = cancelled;
                _timers.Track(cancelled);
            }

            var outcome = opened is null ? InboundAppendOutcome.Appended : InboundAppendOutcome.Opened;
            return ValueTask.FromResult(new InboundAppendResult(outcome, message, opened?.Current) { JoinedState = target.Current.State });
        }
    }

    /// <inheritdoc />
    public ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, WorkflowRun? pendingRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        cancellationToken.ThrowIfCancellationRequested();
        var contact = ContactOf(conversation.Workspace, conversation.Contact);
        lock (contact)
        {
            var open = contact.SingleOpen(conversation.Workspace);
            if (open is not null)
            {
                return ValueTask.FromResult(new OpenConversationResult(open.Current, Opened: false));
            }

            var record = new ConversationRecord(conversation) { Run = pendingRun };
            if (!_conversations.TryAdd((conversation.Workspace, conversation.Id), record))
            {
                throw new InvalidRequestException(nameof(Conversation.Id), $"conversation {conversation.Id} already exists");
            }

            contact.Add(record);
            _queues.Track(record.Current);
            _timers.Track(record.Current);
            return ValueTask.FromResult(new OpenConversationResult(conversation, Opened: true));
        }
    }

    /// <inheritdoc />
    public ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, ConversationTimer? arm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var record = RecordOf(message.Workspace, message.ConversationId);
        lock (ContactOf(message.Workspace, record.Current.Contact))
        {
            if (!record.Current.IsOpen)
            {
                throw new ConversationClosedException(message.ConversationId, ConversationTrigger.AgentMessage);
            }

            var recorded = message with { Contact = record.Current.Contact, Sequence = record.MessageCount + 1 };
            record.AddMessage(recorded);
            if (arm is not null)
            {
                record.Current = record.Current with { Timers = record.Current.Timers.With(arm), Version = record.Current.Version + 1 };
                _timers.Track(record.Current);
            }

            return ValueTask.FromResult(recorded);
        }
    }

    /// <inheritdoc />
    public ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        cancellationToken.ThrowIfCancellationRequested();
        var record = RecordOf(conversation.Workspace, conversation.Id);
        var contact = ContactOf(conversation.Workspace, record.Current.Contact);
        lock (contact)
        {
            if (record.Current.Version != conversation.Version)
            {
                throw new ConcurrencyConflictException(conversation.Id, conversation.Version);
            }

            if (!record.Current.IsOpen)
            {
                throw new ConversationClosedException(conversation.Id);
            }

            var stored = conversation with { Contact = record.Current.Contact, Version = conversation.Version + 1 };
            record.Current = stored;
            contact.Refresh(record);
            _queues.Track(stored);
            _timers.Track(stored);
            return ValueTask.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_conversations.TryGetValue((workspace, conversationId), out var record) ? record.Current : null);
    }

    /// <inheritdoc />
    public ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_contacts.TryGetValue((workspace, contact), out var record))
        {
            return ValueTask.FromResult<Conversation?>(null);
        }

        lock (record)
        {
            return ValueTask.FromResult(record.SingleOpen(workspace)?.Current);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_contacts.TryGetValue((workspace, contact), out var record))
        {
            return ValueTask.FromResult<IReadOnlyList<Conversation>>([]);
        }

        lock (record)
        {
            return ValueTask.FromResult<IReadOnlyList<Conversation>>(record.AllCurrent());
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var record = RecordOf(workspace, conversationId);
        lock (ContactOf(workspace, record.Current.Contact))
        {
            return ValueTask.FromResult<IReadOnlyList<ConversationMessage>>(record.Messages());
        }
    }

    /// <inheritdoc />
    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_conversations.TryGetValue((workspace, conversationId), out var record) ? record.Run : null);
    }

    /// <inheritdoc />
    public ValueTask<WorkflowRun> UpdateWorkflowRunAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = run with { Version = run.Version + 1 };
        _conversations.TryGetValue((run.Workspace, run.ConversationId), out var record);
        while (true)
        {
            if (record?.Run is not { } current)
            {
                throw new ConversationNotFoundException(run.Workspace, run.ConversationId);
            }

            if (current.Version != run.Version)
            {
                throw new ConcurrencyConflictException(run.ConversationId, run.Version);
            }

            if (record.TryReplaceRun(current, stored))
            {
                return ValueTask.FromResult(stored);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WorkflowRun>> ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<WorkflowRun> unfinished = _conversations.Values
            .Select(static c => c.Run)
            .OfType<WorkflowRun>()
            .Where(static r => r.IsUnfinished)
            .OrderBy(static r => r.CreatedAt)
            .ThenBy(static r => r.ConversationId.Value)
            .Take(maxCount)
            .ToArray();
        return ValueTask.FromResult(unfinished);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> ListQueuedAsync(WorkspaceId workspace, TeamId team, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = _queues.Peek(workspace, team, maxCount);
        IReadOnlyList<Conversation> queued = ids
            .Select(id => _conversations.TryGetValue((workspace, id), out var record) ? record.Current : null)
            .Where(static c => c is { State: ConversationState.Queued })
            .ToArray()!;
        return ValueTask.FromResult(queued);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<QueuedTeam>> ListQueuedTeamsAsync(QueuedTeam? after, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_queues.Teams(after, maxCount));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Conversation> claimed = _timers.Claim(now, lease, maxCount)
            .Select(key => _conversations[key].Current)
            .ToArray();
        return ValueTask.FromResult(claimed);
    }

    /// <summary>
    /// Loads a conversation and its messages as they are, without the checks of the write path: for the tests only
    /// (InternalsVisibleTo), to seed a store or to write what the write path never would. It can load data that
    /// breaks the invariants (two open conversations for one contact, say), which reads then report with
    /// <see cref="StoreCorruptionException"/>: the contract suite's <c>TryWriteUncheckedAsync</c> hook uses it so.
    /// </summary>
    /// <param name="conversation">The conversation to load.</param>
    /// <param name="messages">Its messages, if any; inbound ones also register their (channel, external id).</param>
    /// <exception cref="InvalidRequestException">A conversation with this id is already stored.</exception>
    internal void Import(Conversation conversation, IEnumerable<ConversationMessage>? messages = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var record = new ConversationRecord(conversation);
        var contact = ContactOf(conversation.Workspace, conversation.Contact);
        lock (contact)
        {
            if (!_conversations.TryAdd((conversation.Workspace, conversation.Id), record))
            {
                throw new InvalidRequestException(nameof(Conversation.Id), $"conversation {conversation.Id} already exists");
            }

            foreach (var message in messages ?? [])
            {
                record.AddMessage(message);
                if (message.ExternalId is not null)
                {
                    _seen.TryAdd((message.Workspace, message.Channel, message.ExternalId), message);
                }
            }

            contact.Add(record);
            _queues.Track(record.Current);
            _timers.Track(record.Current);
        }
    }

    /// <summary>The snapshot with the timers of <paramref name="kinds"/> cancelled, at the next version; <see langword="null"/> if none was armed.</summary>
    private static Conversation? CancelTimers(Conversation conversation, IReadOnlyList<ConversationTimerKind> kinds)
    {
        var timers = conversation.Timers;
        foreach (var kind in kinds)
        {
            timers = timers.Without(kind);
        }

        return ReferenceEquals(timers, conversation.Timers) ? null : conversation with { Timers = timers, Version = conversation.Version + 1 };
    }

    private ContactRecord ContactOf(WorkspaceId workspace, ContactId contact) =>
        _contacts.GetOrAdd((workspace, contact), static _ => new ContactRecord());

    private ConversationRecord RecordOf(WorkspaceId workspace, ConversationId conversationId) =>
        _conversations.TryGetValue((workspace, conversationId), out var record)
            ? record
            : throw new ConversationNotFoundException(workspace, conversationId);

    private sealed class ConversationRecord(Conversation conversation)
    {
        private volatile Conversation _current = conversation;
        private WorkflowRun? _run;

        // The transcript: the first message in a field, a list only from the second (many conversations have one).
        private ConversationMessage? _firstMessage;
        private List<ConversationMessage>? _laterMessages;

        public Conversation Current
        {
            get => _current;
            set => _current = value;
        }

        /// <summary>How many messages the transcript holds; read and changed under the contact's lock.</summary>
        public int MessageCount => _firstMessage is null ? 0 : 1 + (_laterMessages?.Count ?? 0);

        /// <summary>Appends <paramref name="message"/> to the transcript.</summary>
        public void AddMessage(ConversationMessage message)
        {
            if (_firstMessage is null)
            {
                _firstMessage = message;
            }
            else
            {
                (_laterMessages ??= []).Add(message);
            }
        }

        /// <summary>A copy of the transcript, in order.</summary>
        public ConversationMessage[] Messages()
        {
            if (_firstMessage is null)
            {
                return [];
            }

            var messages = new ConversationMessage[MessageCount];
            messages[0] = _firstMessage;
            _laterMessages?.CopyTo(messages, 1);
            return messages;
        }

        /// <summary>The conversation's workflow run, if one was stored with it: kept here, not in a table of its own.</summary>
        public WorkflowRun? Run
        {
            get => Volatile.Read(ref _run);
            set => Volatile.Write(ref _run, value);
        }

        /// <summary>Stores <paramref name="next"/> unless the run changed since <paramref name="expected"/> was read.</summary>
        public bool TryReplaceRun(WorkflowRun expected, WorkflowRun next) =>
            ReferenceEquals(Interlocked.CompareExchange(ref _run, next, expected), expected);
    }

    /// <summary>One contact's conversations; the instance is also the contact's lock.</summary>
    /// <remarks>
    /// Every contact keeps one of these, so it is kept small: the first conversation and the open one are fields; a
    /// list of later conversations exists only once the contact has a second, and a list of further open ones only
    /// for data that breaks the invariant (an import), which reads then report.
    /// </remarks>
    private sealed class ContactRecord
    {
        private ConversationRecord? _open;
        private List<ConversationRecord>? _moreOpen;

        /// <summary>With <see cref="_later"/>, every conversation in opening order: this one first.</summary>
        private ConversationRecord? _first;
        private List<ConversationRecord>? _later;

        public bool HasSeveralOpen => _moreOpen is { Count: > 0 };

        public ConversationRecord? SingleOpen(WorkspaceId workspace) => HasSeveralOpen
            ? throw new StoreCorruptionException(workspace, [_open!.Current.Id, .. _moreOpen!.Select(r => r.Current.Id)],
                "a contact has more than one open conversation")
            : _open;

        /// <summary>Every conversation as it is now, in opening order.</summary>
        public Conversation[] AllCurrent()
        {
            if (_first is null)
            {
                return [];
            }

            var all = new Conversation[1 + (_later?.Count ?? 0)];
            all[0] = _first.Current;
            for (var i = 1; i < all.Length; i++)
            {
                all[i] = _later![i - 1].Current;
            }

            return all;
        }

        public void Add(ConversationRecord record)
        {
            if (_first is null)
            {
                _first = record;
                Refresh(record);
                return;
            }

            // Kept in opening order; only an import can arrive out of order.
            var later = _later ??= [];
            var index = 1 + later.Count;
            while (index > 0 && (index == 1 ? _first : later[index - 2]).Current.OpenedAt > record.Current.OpenedAt)
            {
                index--;
            }

            if (index == 0)
            {
                later.Insert(0, _first);
                _first = record;
            }
            else
            {
                later.Insert(index - 1, record);
            }

            Refresh(record);
        }

        /// <summary>Lists <paramref name="record"/> as open or not, as its current state says; open ones stay in the order listed.</summary>
        public void Refresh(ConversationRecord record)
        {
            var isListed = ReferenceEquals(_open, record) || (_moreOpen?.Contains(record) ?? false);
            if (record.Current.IsOpen && !isListed)
            {
                if (_open is null)
                {
                    _open = record;
                }
                else
                {
                    (_moreOpen ??= []).Add(record);
                }
            }
            else if (!record.Current.IsOpen && isListed)
            {
                if (!ReferenceEquals(_open, record))
                {
                    _moreOpen!.Remove(record);
                }
                else if (HasSeveralOpen)
                {
                    _open = _moreOpen![0];
                    _moreOpen.RemoveAt(0);
                }
                else
                {
                    _open = null;
                }
            }
        }
    }
}
