namespace InboundConversations.Testing.Internal;

/// <summary>Applies a <see cref="FaultPlan"/>'s decision around one inner call: what every wrapper shares.</summary>
internal static class FaultInjection
{
    public static async ValueTask<T> InvokeAsync<T>(FaultPlan plan, FaultCall call, Func<ValueTask<T>> inner)
    {
        switch (plan.Decide(call))
        {
            case FaultKind.Transient:
                throw new InjectedFaultException(call, FaultKind.Transient);
            case FaultKind.Delay:
                await plan.DelayAsync().ConfigureAwait(false);
                return await inner().ConfigureAwait(false);
            case FaultKind.FailAfterCommit:
                // An error of the inner call itself (a version conflict, say) means nothing was written: it goes up as is.
                await inner().ConfigureAwait(false);
                throw new InjectedFaultException(call, FaultKind.FailAfterCommit);
            default:
                return await inner().ConfigureAwait(false);
        }
    }
}
