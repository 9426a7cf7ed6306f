namespace InboundConversations.Workflow;

/// <summary>What every workflow step can read: the conversation, its first message, the contact and the facts so far.</summary>
public abstract class WorkflowContext
{
    private protected WorkflowContext(Conversation conversation, ConversationMessage? firstMessage, ContactProfile contact, IReadOnlyDictionary<string, string> facts)
    {
        Conversation = conversation;
        FirstMessage = firstMessage;
        Contact = contact;
        Facts = facts;
    }

    /// <summary>The conversation the workflow runs for.</summary>
    public Conversation Conversation { get; }

    /// <summary>The message that opened it; <see langword="null"/> for a conversation opened explicitly (no message yet).</summary>
    public ConversationMessage? FirstMessage { get; }

    /// <summary>The contact's fields and tags as they were when the step started.</summary>
    public ContactProfile Contact { get; }

    /// <summary>The facts earlier steps learned (intent, language, tier…); ordinal keys.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; }
}
