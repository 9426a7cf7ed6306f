namespace InboundConversations;

/// <summary>
/// Where a conversation is in its lifecycle. Every state but <see cref="Closed"/> is a substate of <em>open</em>;
/// <see cref="Closed"/> is terminal.
/// </summary>
/// <remarks>
/// <code>
/// Open ─┬─ Triaging   (workflow pending or running: enrich, route)
///       ├─ Queued     (routed to a team, waiting for an available agent)
///       ├─ Assigned   (an agent owns it; the workflow has ended)
///       ├─ Unassigned (no workflow applies, or an agent unassigned it)
///       └─ Snoozed    (parked until a time or the contact's next message; keeps its team and agent)
/// Closed (terminal)
/// </code>
/// </remarks>
public enum ConversationState
{
    /// <summary>Open; the inbound workflow is pending or running (enriching, routing).</summary>
    Triaging = 1,

    /// <summary>Open; routed to a team and waiting in its queue for an available agent.</summary>
    Queued,

    /// <summary>Open; an agent owns it.</summary>
    Assigned,

    /// <summary>Open; no workflow applies or an agent unassigned it: it waits for someone to pick it up.</summary>
    Unassigned,

    /// <summary>Closed: resolved and terminal. It never reopens; the contact's next message opens a new conversation.</summary>
    Closed,

    /// <summary>
    /// Open; parked by <see cref="IConversationEngine.SnoozeAsync"/> until its snooze ends or the contact writes, whichever
    /// comes first. It keeps its team and agent (and the agent's seat), and it is never auto-closed.
    /// </summary>
    Snoozed,
}
