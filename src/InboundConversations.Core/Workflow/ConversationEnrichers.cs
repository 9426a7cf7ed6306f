namespace InboundConversations.Workflow;

/// <summary>The shipped enrichers, for hosts that add them with <see cref="InboundWorkflowBuilder.Enrich(IConversationEnricher)"/> or compose them.</summary>
public static class ConversationEnrichers
{
    /// <summary>
    /// An enricher that reads the conversation's first message and writes the intent whose phrases occur in it most
    /// often (ties → the intent configured first) as the fact <see cref="WorkflowFacts.Intent"/> (or the key given
    /// to <see cref="KeywordIntentBuilder.FactKey"/>). No first message, or no phrase in it: no fact is written.
    /// </summary>
    /// <remarks>
    /// Phrases are normalized once, here. A message costs O(m) to fold and split (m characters) plus one dictionary
    /// lookup per word and, for each word that starts some phrase, a word-by-word comparison of those phrases:
    /// O(m + w × p × l) at worst for w words and p phrases of at most l words, O(m) in the common case. The step is
    /// named <c>keyword-intent</c> in the run record (<c>keyword-intent:{key}</c> with another fact key). The message
    /// text is neither logged nor stored by it. Safe to share between concurrent runs.
    /// </remarks>
    /// <param name="configure">Adds the intents and their phrases, for example
    /// <c>intents =&gt; intents.Add("billing", "invoice", "refund", "factura")</c>.</param>
    /// <returns>The enricher.</returns>
    /// <exception cref="ArgumentException">
    /// No intent is added, or an intent or phrase is invalid (see <see cref="KeywordIntentBuilder.Add"/>).
    /// </exception>
    public static IConversationEnricher KeywordIntents(Action<KeywordIntentBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new KeywordIntentBuilder();
        configure(builder);
        return builder.Build(nameof(configure));
    }
}
