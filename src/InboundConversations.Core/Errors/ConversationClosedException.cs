namespace InboundConversations;

/// <summary>
/// The conversation is closed, and closed is terminal: it cannot be closed again, receive a message, or change
/// in any other way. Nothing was stored. A contact's next message opens a new conversation instead.
/// </summary>
public sealed class ConversationClosedException : InvalidConversationTransitionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conversationId">The closed conversation.</param>
    /// <param name="trigger">The trigger that was refused.</param>
    public ConversationClosedException(ConversationId conversationId, ConversationTrigger trigger)
        : base(conversationId, ConversationState.Closed, trigger, $"Conversation {conversationId} is closed; {trigger} is not allowed on a closed conversation.")
    {
    }
}
