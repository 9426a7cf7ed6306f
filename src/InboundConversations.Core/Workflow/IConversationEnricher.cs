namespace InboundConversations.Workflow;

/// <summary>
/// A workflow step that learns something about the conversation or the contact (intent, language, customer tier,
/// a CRM lookup…) and records it as facts and, where it asks, as contact fields and tags.
/// </summary>
/// <remarks>
/// Enrichers run in the order they were added, each under the workflow's step timeout. One that throws or times
/// out is recorded in the run and skipped: nothing it wrote to its context is kept, and the run goes on.
/// Register with <c>AddInboundWorkflow(w =&gt; w.Enrich&lt;T&gt;())</c>; enrichers are singletons.
/// </remarks>
public interface IConversationEnricher
{
    /// <summary>The step's name in the run record and logs.</summary>
    string Name { get; }

    /// <summary>Learns what it can and writes it to <paramref name="context"/>.</summary>
    /// <param name="context">The conversation, its first message, the contact, the facts so far, and where to write.</param>
    /// <param name="cancellationToken">Cancelled when the step's timeout passes.</param>
    /// <returns>A task that completes when the step is done.</returns>
    ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken);
}
