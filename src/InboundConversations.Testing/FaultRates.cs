namespace InboundConversations.Testing;

/// <summary>
/// The probability, from 0 to 1, that one call gets each kind of fault. The three are drawn from one uniform
/// number, so their sum must not exceed 1; the rest of the calls go through untouched.
/// </summary>
/// <param name="Transient">A <see cref="FaultKind.Transient"/> failure before the call.</param>
/// <param name="Delay">A <see cref="FaultKind.Delay"/> before the call.</param>
/// <param name="FailAfterCommit">A <see cref="FaultKind.FailAfterCommit"/>: the write happens, the caller sees an error.</param>
public readonly record struct FaultRates(double Transient = 0, double Delay = 0, double FailAfterCommit = 0)
{
    /// <summary>No faults: every call goes through.</summary>
    public static FaultRates None => default;

    /// <summary>Checks that each rate is in [0, 1] and that they add up to at most 1.</summary>
    /// <returns>These rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range, or the sum exceeds 1.</exception>
    public FaultRates Validate()
    {
        Check(Transient, nameof(Transient));
        Check(Delay, nameof(Delay));
        Check(FailAfterCommit, nameof(FailAfterCommit));
        if (Transient + Delay + FailAfterCommit > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FaultRates), Transient + Delay + FailAfterCommit, "The rates add up to more than 1.");
        }

        return this;
    }

    private static void Check(double rate, string name)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(name, rate, "A rate is a probability from 0 to 1.");
        }
    }
}
