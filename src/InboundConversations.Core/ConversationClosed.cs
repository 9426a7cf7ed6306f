namespace InboundConversations;

/// <summary>A conversation was closed. It never reopens; the contact's next message opens a new one.</summary>
public sealed record ConversationClosed : ConversationEvent
{
    /// <summary>Creates the event from the stored, closed conversation.</summary>
    /// <param name="conversation">The conversation as stored when it closed.</param>
    /// <exception cref="ArgumentException"><paramref name="conversation"/> has no closure.</exception>
    public ConversationClosed(Conversation conversation)
        : base(conversation.Workspace, conversation.Id, conversation.Contact,
            conversation.Closure?.ClosedAt ?? throw new ArgumentException("The conversation is not closed.", nameof(conversation)))
    {
        Conversation = conversation;
    }

    /// <summary>The conversation as stored when it closed.</summary>
    public Conversation Conversation { get; }

    /// <summary>Who closed it, when, and why.</summary>
    public ConversationClosure Closure => Conversation.Closure!;
}
