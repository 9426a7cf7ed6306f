namespace InboundConversations;

/// <summary>What one background pass (<see cref="IConversationEngine.ProcessDueAsync"/>) did: counts by kind, for a host's metrics.</summary>
public sealed record ProcessDueResult
{
    /// <summary>Workflow runs claimed and run to their end: pending ones, and running ones whose claim had lapsed.</summary>
    public int RunsResumed { get; init; }

    /// <summary>Queued runs ended because their conversation had left the queue (the write that should have ended them failed).</summary>
    public int QueuedRunsEnded { get; init; }

    /// <summary>
    /// Agent reservations released because their conversation is not assigned to that agent: what a crash, or a reply
    /// lost after a reservation or a release, left behind. Each is also logged (event 16) with its ids.
    /// </summary>
    public int LeftoverReservationsReleased { get; init; }

    /// <summary>Queued conversations assigned because a member of their team had room (a drain that a failure or a crash skipped).</summary>
    public int QueuedConversationsAssigned { get; init; }

    /// <summary>
    /// Queue timeouts fired: conversations that waited in a team's queue for its timeout and whose fallback ran
    /// (each raised <see cref="ConversationQueueTimedOut"/>).
    /// </summary>
    public int QueueTimeoutsFired { get; init; }

    /// <summary>Conversations closed by the system because the contact had not answered an agent for <see cref="InboundConversationsOptions.AutoCloseAfter"/>.</summary>
    public int ConversationsAutoClosed { get; init; }

    /// <summary>Snoozed conversations woken because their snooze ended (each raised <see cref="ConversationWoke"/>).</summary>
    public int SnoozesEnded { get; init; }

    /// <summary>
    /// Due timers that fired nothing because their conversation had moved on since they were claimed (re-armed,
    /// cancelled, closed, or changed by another process first); each is left as the conversation now stores it.
    /// </summary>
    public int TimersSkipped { get; init; }

    /// <summary>Due timers whose firing failed (each logged, event 23, with its exception's type): they stay armed and fire in a later pass, once their claim lapses.</summary>
    public int TimersFailed { get; init; }

    /// <summary>Timers fired in all: <see cref="QueueTimeoutsFired"/>, <see cref="ConversationsAutoClosed"/> and <see cref="SnoozesEnded"/>.</summary>
    public int TimersFired => QueueTimeoutsFired + ConversationsAutoClosed + SnoozesEnded;

    /// <summary>Steps of the pass that failed (each logged, event 18, with its exception's type); the next pass tries them again.</summary>
    public int FailedSteps { get; init; }
}
