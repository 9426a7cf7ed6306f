namespace InboundConversations;

/// <summary>
/// Something that happened to a conversation, raised only after the change it describes is stored.
/// Events of one conversation reach handlers in the order the changes happened.
/// </summary>
/// <remarks>
/// Match on the derived types: <see cref="ConversationOpened"/>, <see cref="MessageReceived"/>, <see cref="MessageSent"/>,
/// <see cref="ConversationRouted"/>, <see cref="ConversationQueued"/>, <see cref="ConversationAssigned"/>,
/// <see cref="ConversationUnassigned"/>, <see cref="ConversationClosed"/>.
/// </remarks>
public abstract record ConversationEvent
{
    private protected ConversationEvent(WorkspaceId workspace, ConversationId conversationId, ContactId contact, DateTimeOffset occurredAt)
    {
        Workspace = workspace;
        ConversationId = conversationId;
        Contact = contact;
        OccurredAt = occurredAt;
    }

    /// <summary>The workspace the conversation lives in.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The conversation the event is about.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The conversation's contact.</summary>
    public ContactId Contact { get; }

    /// <summary>When the change was stored, by the library's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset OccurredAt { get; }
}
