namespace InboundConversations;

/// <summary>
/// The conversation's lifecycle does not allow this trigger in its current state. Nothing was stored.
/// </summary>
/// <remarks>A closed conversation refuses every trigger with <see cref="ConversationClosedException"/> instead.</remarks>
public sealed class InvalidConversationTransitionException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="state">Its state when the trigger was refused.</param>
    /// <param name="trigger">The refused trigger.</param>
    public InvalidConversationTransitionException(ConversationId conversationId, ConversationState state, ConversationTrigger trigger)
        : base($"Conversation {conversationId} is {state}; the trigger {trigger} is not allowed there.")
    {
        ConversationId = conversationId;
        State = state;
        Trigger = trigger;
    }

    /// <summary>The conversation whose transition was refused.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The conversation's state when the trigger was refused.</summary>
    public ConversationState State { get; }

    /// <summary>The refused trigger.</summary>
    public ConversationTrigger Trigger { get; }
}
