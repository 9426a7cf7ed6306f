namespace InboundConversations;

/// <summary>An outbound message (an agent's reply, or one from the API or a workflow) was recorded.</summary>
public sealed record MessageSent : ConversationEvent
{
    /// <summary>Creates the event from the recorded message.</summary>
    /// <param name="message">The message as recorded.</param>
    public MessageSent(ConversationMessage message)
        : base(message.Workspace, message.ConversationId, message.Contact, message.RecordedAt)
    {
        Message = message;
    }

    /// <summary>The message as recorded.</summary>
    public ConversationMessage Message { get; }
}
