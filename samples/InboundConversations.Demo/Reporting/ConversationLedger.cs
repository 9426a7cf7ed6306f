namespace InboundConversations.Demo.Reporting;

/// <summary>
/// Keeps a record of every conversation from the library's events: when it opened, was routed, queued, timed out in
/// a queue (and where it went), assigned, first and last replied to, snoozed and woken, and closed (by whom). The
/// summary is computed from it, and the timeline reads it to number conversations.
/// </summary>
/// <remarks>
/// Registered before the timeline, so a record is up to date when the timeline prints the same event. Events are
/// delivered after the change is stored, one at a time per conversation; the demo drives the inbox from one logical
/// thread, so the ledger needs no lock.
/// </remarks>
internal sealed class ConversationLedger : IConversationEventHandler
{
    private readonly List<ConversationRecord> _records = [];
    private readonly Dictionary<ConversationId, ConversationRecord> _byId = [];
    private readonly Dictionary<ContactId, ConversationRecord> _latestByContact = [];
    private readonly Dictionary<ContactId, int> _openByContact = [];

    /// <summary>Every conversation, in the order they opened.</summary>
    public IReadOnlyList<ConversationRecord> Records => _records;

    /// <summary>The most conversations one contact ever had open at the same time (the library promises 1).</summary>
    public int MostOpenForOneContact { get; private set; }

    public ConversationRecord this[ConversationId id] => _byId[id];

    public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationEvent);
        switch (conversationEvent)
        {
            case ConversationOpened opened:
                Open(opened);
                break;
            case ConversationRouted routed:
                _byId[routed.ConversationId].Team = routed.Team.Value;
                break;
            case ConversationQueued queued:
                _byId[queued.ConversationId].QueuedAt ??= queued.OccurredAt;
                break;
            case ConversationAssigned assigned:
                var record = _byId[assigned.ConversationId];
                record.Agent = assigned.Assignee.Value;
                record.AssignedAt ??= assigned.OccurredAt;
                break;
            case MessageSent sent when sent.Message.Author.Kind == ActorKind.Agent:
                var replied = _byId[sent.ConversationId];
                replied.FirstReplyAt ??= sent.OccurredAt;
                replied.LastAgentMessageAt = sent.OccurredAt;
                replied.AgentReplies++;
                break;
            case ConversationQueueTimedOut timedOut:
                var overflowed = _byId[timedOut.ConversationId];
                overflowed.TimedOutIn = timedOut.Team.Value;
                overflowed.TimedOutAt = timedOut.OccurredAt;
                overflowed.Team = timedOut.Conversation.Team?.Value;
                break;
            case ConversationSnoozed snoozed:
                var parked = _byId[snoozed.ConversationId];
                parked.SnoozedAt = snoozed.OccurredAt;
                parked.SnoozedUntil = snoozed.Until;
                break;
            case ConversationWoke woke:
                var woken = _byId[woke.ConversationId];
                woken.WokeAt = woke.OccurredAt;
                woken.WakeReason = woke.Reason;
                break;
            case ConversationClosed closed:
                var ended = _byId[closed.ConversationId];
                ended.ClosedAt = closed.OccurredAt;
                ended.ClosedBy = closed.Closure.ClosedBy;
                _openByContact[closed.Contact]--;
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void Open(ConversationOpened opened)
    {
        _latestByContact.TryGetValue(opened.Contact, out var previous);
        var record = new ConversationRecord(_records.Count + 1, opened.ConversationId, opened.Contact.Value, opened.OccurredAt, previous);
        _records.Add(record);
        _byId[record.Id] = record;
        _latestByContact[opened.Contact] = record;
        var open = _openByContact[opened.Contact] = _openByContact.GetValueOrDefault(opened.Contact) + 1;
        MostOpenForOneContact = Math.Max(MostOpenForOneContact, open);
    }
}
