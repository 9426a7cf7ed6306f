using System.Threading.Channels;
using InboundConversations.Workflow;

namespace InboundConversations.PostgreSql.Tests.Scale;

/// <summary>
/// An enricher that never finishes: it stands for a process that dies in the middle of a workflow step. It tells
/// the test when a run has reached it, and ignores cancellation (a dead process does not clean up).
/// </summary>
internal sealed class StuckEnricher : IConversationEnricher
{
    private readonly Channel<ConversationId> _entered = Channel.CreateUnbounded<ConversationId>();
    private readonly TaskCompletionSource _never = new();

    public string Name => "purpose";

    public async ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        _entered.Writer.TryWrite(context.Conversation.Id);
        await _never.Task;
    }

    /// <summary>Waits until <paramref name="runs"/> runs are stuck inside the step.</summary>
    public async Task EnteredAsync(int runs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var i = 0; i < runs; i++)
        {
            try
            {
                await _entered.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {i} of {runs} runs reached the step.");
            }
        }
    }
}

/// <summary>The same step on a healthy engine: it learns the purpose.</summary>
internal sealed class PurposeEnricher : IConversationEnricher
{
    public string Name => "purpose";

    public ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        context.AddFact("purpose", "support");
        context.SetContactField("segment", "retail");
        return ValueTask.CompletedTask;
    }
}
