namespace InboundConversations;

/// <summary>
/// A durable timer of one conversation: stored with it (<see cref="Conversation.Timers"/>), armed and cancelled in the
/// same atomic write as the change that causes it, and fired by <see cref="IConversationEngine.ProcessDueAsync"/> once
/// <see cref="DueAt"/> has passed.
/// </summary>
/// <param name="Kind">What it waits for.</param>
/// <param name="DueAt">When it is due, by the library's <see cref="TimeProvider"/>.</param>
/// <param name="ArmedAt">When it was armed. Re-arming makes a new timer: a claim taken on the old one fires nothing.</param>
public sealed record ConversationTimer(ConversationTimerKind Kind, DateTimeOffset DueAt, DateTimeOffset ArmedAt)
{
    /// <summary>Whether the timer is due at <paramref name="now"/> (its due time is not later).</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> if <see cref="DueAt"/> is at or before <paramref name="now"/>.</returns>
    public bool IsDueAt(DateTimeOffset now) => DueAt <= now;
}
