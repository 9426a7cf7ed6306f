namespace InboundConversations.Demo.Reporting;

/// <summary>One conversation as the ledger saw it through the library's events: each moment of its cycle.</summary>
internal sealed class ConversationRecord(int number, ConversationId id, string contact, DateTimeOffset openedAt, ConversationRecord? previous)
{
    /// <summary>The conversation's short number in this run (#1, #2…), in the order they opened.</summary>
    public int Number { get; } = number;

    public string Label => $"#{Number}";

    public ConversationId Id { get; } = id;

    public string Contact { get; } = contact;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    /// <summary>The same contact's conversation before this one (closed: a contact has one open at most).</summary>
    public ConversationRecord? Previous { get; } = previous;

    /// <summary>The team it was routed to, or the team a queue timeout transferred it to.</summary>
    public string? Team { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    public string? Agent { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? FirstReplyAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Who closed it: an agent, or the system (<c>System:auto-close</c>).</summary>
    public Actor? ClosedBy { get; set; }

    public int AgentReplies { get; set; }

    public DateTimeOffset? LastAgentMessageAt { get; set; }

    public DateTimeOffset? SnoozedAt { get; set; }

    public DateTimeOffset? SnoozedUntil { get; set; }

    public DateTimeOffset? WokeAt { get; set; }

    public WakeReason? WakeReason { get; set; }

    /// <summary>The team whose queue timeout fired, if one did (<see cref="Team"/> is then the team it overflowed to).</summary>
    public string? TimedOutIn { get; set; }

    /// <summary>When the queue timeout fired.</summary>
    public DateTimeOffset? TimedOutAt { get; set; }

    public bool WasQueued => QueuedAt is not null;

    public bool WasAutoClosed => ClosedBy is { Kind: ActorKind.System, Id: "auto-close" };

    public TimeSpan? TimeToAssignment => AssignedAt - OpenedAt;

    public TimeSpan? TimeToFirstReply => FirstReplyAt - OpenedAt;
}
