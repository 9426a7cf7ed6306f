namespace InboundConversations;

/// <summary>
/// A conversation was opened. With <see cref="Source"/> <see cref="ConversationSource.Contact"/> this is the
/// trigger of the inbound workflow.
/// </summary>
public sealed record ConversationOpened : ConversationEvent
{
    /// <summary>Creates the event from the stored conversation.</summary>
    /// <param name="conversation">The conversation as stored when it opened.</param>
    public ConversationOpened(Conversation conversation)
        : base(conversation.Workspace, conversation.Id, conversation.Contact, conversation.OpenedAt)
    {
        Conversation = conversation;
    }

    /// <summary>The conversation as stored when it opened.</summary>
    public Conversation Conversation { get; }

    /// <summary>Who opened it.</summary>
    public ConversationSource Source => Conversation.Source;
}
