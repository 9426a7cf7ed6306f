namespace InboundConversations.Storage.Internal;

/// <summary>
/// The in-memory store's timer index: each open conversation with an armed timer, by its earliest due time, and the
/// claim a background pass holds on it. A conversation is tracked on every write; a write ends its claim.
/// </summary>
/// <remarks>
/// A claim walks the index from its earliest entry and stops at the first not yet due, so it reads only the due
/// conversations (and those already claimed), never the others.
/// </remarks>
internal sealed class DueTimers
{
    private readonly Lock _gate = new();
    private readonly SortedSet<(long DueTicks, string Workspace, Guid Id)> _byDue = [];
    private readonly Dictionary<(WorkspaceId, ConversationId), Entry> _entries = [];

    public void Track(Conversation conversation)
    {
        var key = (conversation.Workspace, conversation.Id);
        var due = conversation.IsOpen ? conversation.Timers.NextDueAt : null;
        lock (_gate)
        {
            if (_entries.Remove(key, out var entry))
            {
                _byDue.Remove(entry.Position);
            }

            if (due is { } at)
            {
                var position = (at.UtcTicks, conversation.Workspace.Value, conversation.Id.Value);
                _byDue.Add(position);
                _entries[key] = new Entry(position, ClaimedUntil: null);
            }
        }
    }

    /// <summary>Claims up to <paramref name="maxCount"/> conversations due at <paramref name="now"/> and not claimed (or whose claim lapsed), earliest first.</summary>
    public List<(WorkspaceId Workspace, ConversationId Id)> Claim(DateTimeOffset now, TimeSpan lease, int maxCount)
    {
        var claimed = new List<(WorkspaceId, ConversationId)>();
        lock (_gate)
        {
            foreach (var position in _byDue)
            {
                if (position.DueTicks > now.UtcTicks || claimed.Count == maxCount)
                {
                    break;
                }

                var key = (new WorkspaceId(position.Workspace), new ConversationId(position.Id));
                if (_entries[key].ClaimedUntil is { } until && until > now)
                {
                    continue;
                }

                claimed.Add(key);
            }

            foreach (var key in claimed)
            {
                _entries[key] = _entries[key] with { ClaimedUntil = now + lease };
            }
        }

        return claimed;
    }

    private readonly record struct Entry((long DueTicks, string Workspace, Guid Id) Position, DateTimeOffset? ClaimedUntil);
}
