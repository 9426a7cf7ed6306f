using System.Reflection;
using Xunit.Sdk;

namespace InboundConversations.Testing.Internal;

/// <summary>
/// A theory's rows: every <see cref="AgentOrder"/>, in declaration order (a test named for every order so covers an
/// order added later); with <see cref="ButSpecific"/>, all but <see cref="AgentOrder.Specific"/>; with
/// <see cref="RequireOnlineBothWays"/>, each order twice, requiring online agents and not.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class EveryAgentOrderAttribute : DataAttribute
{
    private static readonly bool[] BothWays = [true, false];
    private static readonly bool[] OnlineRequired = [true];

    /// <summary>Whether <see cref="AgentOrder.Specific"/> is left out.</summary>
    public bool ButSpecific { get; set; }

    /// <summary>Whether each row has a second value, true then false: whether only online agents qualify.</summary>
    public bool RequireOnlineBothWays { get; set; }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        from order in Enum.GetValues<AgentOrder>()
        where !ButSpecific || order != AgentOrder.Specific
        from requireOnline in RequireOnlineBothWays ? BothWays : OnlineRequired
        select RequireOnlineBothWays ? new object[] { order, requireOnline } : [order];
}
