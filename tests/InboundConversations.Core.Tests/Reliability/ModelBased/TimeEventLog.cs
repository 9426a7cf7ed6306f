using System.Collections.Concurrent;

namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// The model runner's event handler: records the time events the engine raises (queue timed out, snoozed, woke), as
/// <see cref="ReferenceModel.Describe(ConversationEvent)"/> describes them, for the runner to take after each step.
/// </summary>
internal sealed class TimeEventLog : IConversationEventHandler
{
    private readonly ConcurrentQueue<string> _raised = new();

    public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        if (ReferenceModel.Describe(conversationEvent) is { } described)
        {
            _raised.Enqueue(described);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The events raised since the last call, in delivery order.</summary>
    public List<string> Take()
    {
        var taken = new List<string>();
        while (_raised.TryDequeue(out var next))
        {
            taken.Add(next);
        }

        return taken;
    }
}
