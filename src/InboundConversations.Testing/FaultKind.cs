namespace InboundConversations.Testing;

/// <summary>What a <see cref="FaultPlan"/> does to one call of a storage port.</summary>
public enum FaultKind
{
    /// <summary>The call goes through to the inner implementation untouched.</summary>
    None = 0,

    /// <summary>
    /// The call fails with <see cref="InjectedFaultException"/> before it reaches the inner implementation: nothing
    /// was written, and retrying the same call is what a host would do.
    /// </summary>
    Transient,

    /// <summary>
    /// The call goes through after a burst of <see cref="Task.Yield"/>s, so that concurrent callers overtake it
    /// (a slow database round trip, without wall-clock time).
    /// </summary>
    Delay,

    /// <summary>
    /// The inner call runs and its write is kept, then the caller gets <see cref="InjectedFaultException"/>
    /// anyway: a reply lost after the commit (a dropped connection, a timeout on the way back).
    /// </summary>
    FailAfterCommit,
}
