using InboundConversations.Workflow;

namespace InboundConversations.Tests.Support;

/// <summary>Enrichers, routers and assigners whose behaviour a test sets.</summary>
public sealed class StubEnricher(string name, Func<EnrichmentContext, CancellationToken, ValueTask> enrich) : IConversationEnricher
{
    private int _calls;

    public int Calls => _calls;

    public string Name => name;

    public static StubEnricher Fact(string name, string key, string value) =>
        new(name, (c, _) => { c.AddFact(key, value); return ValueTask.CompletedTask; });

    public static StubEnricher Throwing(string name) =>
        new(name, (c, _) => { c.AddFact("poison", "yes"); throw new InvalidOperationException("CRM is down"); });

    public async ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        await enrich(context, cancellationToken);
    }
}

public sealed class StubRouter(Func<RoutingContext, CancellationToken, ValueTask<TeamId?>> route) : IConversationRouter
{
    public string Name => "stub-router";

    public ValueTask<TeamId?> RouteAsync(RoutingContext context, CancellationToken cancellationToken) => route(context, cancellationToken);
}

public sealed class StubAssigner(Func<AssignmentContext, CancellationToken, ValueTask<AssignmentDecision>> assign) : IAgentAssigner
{
    public string Name => "stub-assigner";

    public ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken) => assign(context, cancellationToken);
}

/// <summary>A step that blocks until cancelled, and says when it has started.</summary>
public sealed class Hang
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public async ValueTask<T> RunAsync<T>(CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
