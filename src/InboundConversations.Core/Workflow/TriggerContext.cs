namespace InboundConversations.Workflow;

/// <summary>What a workflow's trigger conditions read when a run starts: the conversation, its first message and the contact.</summary>
public sealed class TriggerContext : WorkflowContext
{
    /// <summary>Creates the context (the runner does; a test of a condition may too).</summary>
    /// <param name="conversation">The opened conversation.</param>
    /// <param name="firstMessage">Its first message, if any.</param>
    /// <param name="contact">The contact's profile.</param>
    public TriggerContext(Conversation conversation, ConversationMessage? firstMessage, ContactProfile contact)
        : base(conversation, firstMessage, contact, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }
}
