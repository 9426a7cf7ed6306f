namespace InboundConversations.Storage.Internal;

/// <summary>
/// The in-memory store's queue index: per (workspace, team), the queued conversations in the order they entered
/// the queue. A conversation is tracked on every write; entering Queued appends it, leaving Queued removes it.
/// </summary>
internal sealed class TeamQueues
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(WorkspaceId, TeamId), SortedSet<(long Arrival, Guid Id)>> _queues = [];
    private readonly Dictionary<(WorkspaceId, ConversationId), (TeamId Team, long Arrival)> _positions = [];
    private long _arrivals;

    public void Track(Conversation conversation)
    {
        var key = (conversation.Workspace, conversation.Id);
        var queuedOn = conversation.State == ConversationState.Queued ? conversation.Team : null;
        lock (_gate)
        {
            if (_positions.TryGetValue(key, out var position))
            {
                if (queuedOn == position.Team)
                {
                    return;
                }

                _queues[(conversation.Workspace, position.Team)].Remove((position.Arrival, conversation.Id.Value));
                _positions.Remove(key);
            }

            if (queuedOn is { } team)
            {
                var arrival = ++_arrivals;
                if (!_queues.TryGetValue((conversation.Workspace, team), out var queue))
                {
                    _queues[(conversation.Workspace, team)] = queue = [];
                }

                queue.Add((arrival, conversation.Id.Value));
                _positions[key] = (team, arrival);
            }
        }
    }

    public IReadOnlyList<ConversationId> Peek(WorkspaceId workspace, TeamId team, int maxCount)
    {
        lock (_gate)
        {
            return _queues.TryGetValue((workspace, team), out var queue)
                ? queue.Take(maxCount).Select(static e => new ConversationId(e.Id)).ToArray()
                : [];
        }
    }

    public IReadOnlyList<QueuedTeam> Teams(QueuedTeam? after, int maxCount)
    {
        lock (_gate)
        {
            return _queues
                .Where(static q => q.Value.Count > 0)
                .Select(static q => new QueuedTeam(q.Key.Item1, q.Key.Item2))
                .Where(t => after is not { } last || Compare(t, last) > 0)
                .Order(Comparer<QueuedTeam>.Create(Compare))
                .Take(maxCount)
                .ToArray();
        }
    }

    private static int Compare(QueuedTeam x, QueuedTeam y)
    {
        var byWorkspace = string.CompareOrdinal(x.Workspace.Value, y.Workspace.Value);
        return byWorkspace != 0 ? byWorkspace : string.CompareOrdinal(x.Team.Value, y.Team.Value);
    }
}
