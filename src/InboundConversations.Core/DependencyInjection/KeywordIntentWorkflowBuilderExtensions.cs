using InboundConversations.Workflow;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the keyword-intent enricher to <see cref="InboundWorkflowBuilder"/>.</summary>
public static class KeywordIntentWorkflowBuilderExtensions
{
    /// <summary>
    /// Adds, after the enrichers already added, a step that sets the fact <see cref="WorkflowFacts.Intent"/> from
    /// phrases in the conversation's first message, ignoring case and accents and matching whole words. See
    /// <see cref="ConversationEnrichers.KeywordIntents"/> for the matching rules and cost.
    /// </summary>
    /// <param name="builder">The workflow's builder.</param>
    /// <param name="configure">Adds the intents and their phrases, for example
    /// <c>intents =&gt; intents.Add("billing", "invoice", "factura").Add("sales", "price", "quote")</c>.</param>
    /// <returns>The same workflow builder.</returns>
    /// <exception cref="ArgumentException">The configuration is invalid, the message naming the call; thrown while the workflow is configured.</exception>
    public static InboundWorkflowBuilder EnrichWithKeywordIntents(this InboundWorkflowBuilder builder, Action<KeywordIntentBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Enrich(ConversationEnrichers.KeywordIntents(configure));
    }
}
