namespace InboundConversations;

/// <summary>What one background pass (<see cref="IConversationEngine.ResumeWorkflowsAsync"/>) did: counts for a host's metrics.</summary>
public sealed record ResumeResult
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

    /// <summary>Steps of the pass that failed (each logged, event 18, with its exception's type); the next pass tries them again.</summary>
    public int FailedSteps { get; init; }
}
