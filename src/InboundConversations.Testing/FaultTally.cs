namespace InboundConversations.Testing;

/// <summary>What a <see cref="FaultPlan"/> decided so far, for all calls or for one operation.</summary>
/// <param name="Calls">Calls decided on (passed through, delayed or failed).</param>
/// <param name="Transient">Calls failed before they reached the inner implementation.</param>
/// <param name="Delayed">Calls delayed, then passed through.</param>
/// <param name="FailedAfterCommit">Calls that reached the inner implementation, then failed anyway.</param>
public readonly record struct FaultTally(long Calls, long Transient, long Delayed, long FailedAfterCommit)
{
    /// <summary>Every fault injected: transient, delayed and failed after commit.</summary>
    public long Injected => Transient + Delayed + FailedAfterCommit;

    /// <summary>This tally with one more call decided as <paramref name="kind"/>.</summary>
    /// <param name="kind">The decision.</param>
    /// <returns>The new tally.</returns>
    public FaultTally Add(FaultKind kind) => kind switch
    {
        FaultKind.Transient => this with { Calls = Calls + 1, Transient = Transient + 1 },
        FaultKind.Delay => this with { Calls = Calls + 1, Delayed = Delayed + 1 },
        FaultKind.FailAfterCommit => this with { Calls = Calls + 1, FailedAfterCommit = FailedAfterCommit + 1 },
        _ => this with { Calls = Calls + 1 },
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Calls} calls: {Transient} transient, {Delayed} delayed, {FailedAfterCommit} failed after commit";
}
