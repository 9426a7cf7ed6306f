namespace InboundConversations.Workflow;

/// <summary>What a router reads: the conversation, its first message, the contact, and every fact enrichment learned.</summary>
public sealed class RoutingContext : WorkflowContext
{
    /// <summary>Creates the context (the runner does; tests of a router may too).</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="firstMessage">Its first message, if any.</param>
    /// <param name="contact">The contact's profile.</param>
    /// <param name="facts">The facts.</param>
    public RoutingContext(Conversation conversation, ConversationMessage? firstMessage, ContactProfile contact, IReadOnlyDictionary<string, string> facts)
        : base(conversation, firstMessage, contact, facts)
    {
    }
}
