namespace InboundConversations;

/// <summary>What <see cref="IConversationEngine.ReceiveAsync"/> did with an inbound message.</summary>
/// <param name="Outcome">Opened a conversation, joined the open one, or recognised a redelivery.</param>
/// <param name="ConversationId">The conversation the message belongs to (for a redelivery, the original's).</param>
/// <param name="MessageId">The recorded message (for a redelivery, the original's).</param>
public readonly record struct ReceiveResult(ReceiveOutcome Outcome, ConversationId ConversationId, MessageId MessageId)
{
    /// <summary>True if this message opened <see cref="ConversationId"/>.</summary>
    public bool OpenedConversation => Outcome == ReceiveOutcome.Opened;

    /// <summary>True if the message was a redelivery already recorded: nothing was applied again.</summary>
    public bool IsDuplicate => Outcome == ReceiveOutcome.Duplicate;
}
