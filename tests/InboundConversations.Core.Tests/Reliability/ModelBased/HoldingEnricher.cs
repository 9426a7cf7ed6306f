using InboundConversations.Workflow;

namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// The model runner's enricher: it does nothing, except for the one contact the runner armed a hold for, whose run it
/// holds (the step yields) until the runner releases it, so that a person can change the conversation mid-run.
/// </summary>
internal sealed class HoldingEnricher : IConversationEnricher
{
    private Hold? _armed;

    public string Name => "held-for-takeover";

    /// <summary>Holds the next run of <paramref name="contact"/>'s conversation; the returned hold says when it is entered and releases it.</summary>
    public Hold Arm(ContactId contact)
    {
        if (Volatile.Read(ref _armed) is not null)
        {
            throw new InvalidOperationException("a hold is already armed");
        }

        var hold = new Hold(contact);
        Volatile.Write(ref _armed, hold);
        return hold;
    }

    /// <summary>Disarms the hold (after its run was released, or if it was never entered).</summary>
    public void Disarm() => Volatile.Write(ref _armed, null);

    public ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken) =>
        Volatile.Read(ref _armed) is { } hold && hold.Contact == context.Conversation.Contact
            ? hold.WaitAsync(context.Conversation.Id, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>One armed hold: entered once its run reaches the enricher (with the conversation's id), then waiting until released.</summary>
    public sealed class Hold(ContactId contact)
    {
        private readonly TaskCompletionSource<ConversationId> _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ContactId Contact { get; } = contact;

        public Task<ConversationId> Entered => _entered.Task;

        public void Release() => _release.TrySetResult();

        internal async ValueTask WaitAsync(ConversationId conversation, CancellationToken cancellationToken)
        {
            _entered.TrySetResult(conversation);
            await _release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
