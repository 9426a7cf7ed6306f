namespace InboundConversations.Testing;

/// <summary>One call a fault-injecting wrapper is about to make: what a <see cref="FaultPlan"/> decides on.</summary>
/// <param name="Port">The port's interface name, e.g. <c>IConversationStore</c>.</param>
/// <param name="Operation">The method name, e.g. <c>AppendInboundAsync</c>.</param>
/// <param name="IsWrite">True if the method changes stored state; by default only writes get faults.</param>
public readonly record struct FaultCall(string Port, string Operation, bool IsWrite)
{
    /// <summary>
    /// <c>Port.Operation</c>, e.g. <c>IConversationStore.UpdateAsync</c>: the key of
    /// <see cref="FaultPlan.SetRates"/> and <see cref="FaultPlan.ByOperation"/>.
    /// </summary>
    public string Name => $"{Port}.{Operation}";

    /// <inheritdoc />
    public override string ToString() => Name;
}
