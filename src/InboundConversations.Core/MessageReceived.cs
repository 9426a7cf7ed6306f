namespace InboundConversations;

/// <summary>An inbound message from the contact was recorded (a redelivery raises nothing).</summary>
public sealed record MessageReceived : ConversationEvent
{
    /// <summary>Creates the event from the recorded message.</summary>
    /// <param name="message">The message as recorded.</param>
    public MessageReceived(ConversationMessage message)
        : base(message.Workspace, message.ConversationId, message.Contact, message.RecordedAt)
    {
        Message = message;
    }

    /// <summary>The message as recorded.</summary>
    public ConversationMessage Message { get; }
}
