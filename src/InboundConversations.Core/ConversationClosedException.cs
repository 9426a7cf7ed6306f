namespace InboundConversations;

/// <summary>
/// The conversation is closed, and closed is terminal: it cannot be closed again, take a message, or change in
/// any other way. Nothing was stored. A contact's next message opens a new conversation instead.
/// </summary>
/// <remarks>
/// Thrown by the lifecycle for any trigger on a closed conversation (then <see cref="Trigger"/> names it), and by a
/// store asked to change a conversation that is already closed.
/// </remarks>
public sealed class ConversationClosedException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conversationId">The closed conversation.</param>
    /// <param name="trigger">The trigger that was refused, if the refusal came from the lifecycle.</param>
    public ConversationClosedException(ConversationId conversationId, ConversationTrigger? trigger = null)
        : base(trigger is null
            ? $"Conversation {conversationId} is closed; a closed conversation never changes."
            : $"Conversation {conversationId} is closed; {trigger} is not allowed on a closed conversation.")
    {
        ConversationId = conversationId;
        Trigger = trigger;
    }

    /// <summary>The closed conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The refused trigger, when the lifecycle refused it; <see langword="null"/> when a store refused a change.</summary>
    public ConversationTrigger? Trigger { get; }
}
