using InboundConversations.Storage;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InboundConversations.Tests.Support;

/// <summary>Engines over <see cref="SharedStores"/> that log to the fake logger, and the helpers their tests share.</summary>
public static class LoggedEngines
{
    /// <summary>Like <see cref="SharedStores.StartEngine"/>, with <see cref="FakeLogging"/> wired in.</summary>
    public static TestInbox StartLoggedEngine(
        this SharedStores stores,
        Action<InboundWorkflowBuilder> workflow,
        Func<IConversationStore, IConversationStore>? wrap = null,
        Func<IAgentDirectory, IAgentDirectory>? wrapAgents = null) =>
        new(
            build: b =>
            {
                b.AddInboundWorkflow(workflow);
                b.UseConversationStore(_ => wrap?.Invoke(stores.Conversations) ?? stores.Conversations);
                b.Services.Replace(ServiceDescriptor.Singleton(wrapAgents?.Invoke(stores.Agents) ?? stores.Agents));
                b.Services.Replace(ServiceDescriptor.Singleton(stores.Contacts));
            },
            services: FakeLogging.Add);

    /// <summary>The formatted messages the engine logged with <paramref name="eventId"/>.</summary>
    public static string[] Messages(this TestInbox inbox, int eventId) =>
        inbox.Logs().Where(r => r.Id.Id == eventId).Select(r => r.Message).ToArray();

    /// <summary>
    /// Stores an unchanged copy of the conversation, as a concurrent writer in another process would: its version
    /// goes up by one, nothing else changes.
    /// </summary>
    public static Conversation Touch(this SharedStores stores, ConversationId id)
    {
        var current = stores.Conversations.FindAsync(default, id, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        return stores.Conversations.UpdateAsync(current, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>A store whose list of unfinished runs is a snapshot taken earlier: what an engine that listed them just before another engine claimed one sees.</summary>
public sealed class StaleListingStore(IConversationStore inner, IReadOnlyList<WorkflowRun> listed) : InstrumentedConversationStore(inner), IConversationStore
{
    ValueTask<IReadOnlyList<WorkflowRun>> IConversationStore.ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<WorkflowRun>>(listed.Take(maxCount).ToArray());
}

/// <summary>An assigner that delegates to another and remembers what each call saw.</summary>
public sealed class RecordingAssigner(IAgentAssigner inner) : IAgentAssigner
{
    private readonly List<(ConversationId Conversation, IReadOnlyDictionary<string, string> Facts)> _calls = [];

    public string Name => inner.Name;

    /// <summary>Runs before each call is delegated (a test's concurrent change, say).</summary>
    public Func<AssignmentContext, ValueTask>? Before { get; set; }

    public IReadOnlyList<(ConversationId Conversation, IReadOnlyDictionary<string, string> Facts)> Calls
    {
        get { lock (_calls) { return [.. _calls]; } }
    }

    public async ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add((context.Conversation.Id, context.Facts.ToDictionary(p => p.Key, p => p.Value)));
        }

        if (Before is { } before)
        {
            await before(context);
        }

        return await inner.AssignAsync(context, cancellationToken);
    }
}
