namespace InboundConversations.Testing;

/// <summary>
/// The error a fault-injecting wrapper throws in place of a storage provider's: always transient, so retrying the
/// same call is the right reaction. <see cref="Committed"/> says whether the write happened before it was thrown.
/// </summary>
public sealed class InjectedFaultException : Exception
{
    /// <summary>Creates an injected fault for <paramref name="call"/>.</summary>
    /// <param name="call">The call that failed.</param>
    /// <param name="kind"><see cref="FaultKind.Transient"/> or <see cref="FaultKind.FailAfterCommit"/>.</param>
    public InjectedFaultException(FaultCall call, FaultKind kind)
        : base(kind == FaultKind.FailAfterCommit
            ? $"Injected fault: {call.Name} completed, then its reply was lost."
            : $"Injected fault: {call.Name} failed before it ran.")
    {
        Call = call;
        Kind = kind;
    }

    /// <summary>Creates an injected fault with a message (for serializers and tools; prefer the other constructor).</summary>
    public InjectedFaultException()
        : this(new FaultCall("unknown", "unknown", IsWrite: false), FaultKind.Transient)
    {
    }

    /// <summary>Creates an injected fault with a message.</summary>
    /// <param name="message">The message.</param>
    public InjectedFaultException(string message)
        : base(message) => Call = new FaultCall("unknown", "unknown", IsWrite: false);

    /// <summary>Creates an injected fault with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException) => Call = new FaultCall("unknown", "unknown", IsWrite: false);

    /// <summary>The call that failed.</summary>
    public FaultCall Call { get; }

    /// <summary>How it failed: before the call, or after its write was kept.</summary>
    public FaultKind Kind { get; } = FaultKind.Transient;

    /// <summary>True if the inner write happened before this was thrown (<see cref="FaultKind.FailAfterCommit"/>).</summary>
    public bool Committed => Kind == FaultKind.FailAfterCommit;

    /// <summary>Always true: an injected fault stands for an error a retry may get past.</summary>
    public bool IsTransient { get; } = true;
}
