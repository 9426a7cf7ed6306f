using System.Collections.Concurrent;
using InboundConversations.Testing;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Support;

/// <summary>
/// Records every call an engine makes to its conversation store and agent directory, in order, through the
/// fault-injecting wrappers; <see cref="Fault"/> decides a fault per call (none unless a test sets it).
/// </summary>
public sealed class PortCalls
{
    private readonly ConcurrentQueue<FaultCall> _calls = new();

    public PortCalls() => Plan = new FaultPlan(0) { Override = Record };

    /// <summary>The plan both wrappers use.</summary>
    public FaultPlan Plan { get; }

    /// <summary>The fault for a call (by <see cref="FaultCall.Name"/>, e.g. <c>IAgentDirectory.FindAsync</c>); none by default.</summary>
    public Func<FaultCall, FaultKind?> Fault { get; set; } = _ => null;

    /// <summary>The calls made since the last <see cref="Clear"/>, oldest first.</summary>
    public IReadOnlyList<FaultCall> Calls => _calls.ToArray();

    /// <summary>The writes among <see cref="Calls"/>, by name.</summary>
    public IReadOnlyList<string> Writes => Calls.Where(static c => c.IsWrite).Select(static c => c.Name).ToArray();

    /// <summary>How many calls of one operation (by <see cref="FaultCall.Name"/>) were made since the last <see cref="Clear"/>.</summary>
    public int Count(string name) => Calls.Count(c => c.Name == name);

    public void Clear() => _calls.Clear();

    /// <summary>A new engine over <paramref name="stores"/> whose store and directory calls this records.</summary>
    public TestInbox StartEngine(SharedStores stores, Action<InboundWorkflowBuilder> workflow, Action<IServiceCollection>? services = null) =>
        stores.StartEngine(
            workflow,
            inner => new FaultInjectingConversationStore(inner, Plan),
            inner => new FaultInjectingAgentDirectory(inner, Plan),
            services: services);

    private FaultKind? Record(FaultCall call)
    {
        _calls.Enqueue(call);
        return Fault(call);
    }
}
