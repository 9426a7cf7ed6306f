namespace InboundConversations.Storage;

/// <summary>The result of <see cref="IConversationStore.AppendInboundAsync"/>.</summary>
/// <param name="Outcome">Opened, appended, or a duplicate.</param>
/// <param name="Message">The recorded message; for a duplicate, the original one recorded earlier.</param>
/// <param name="OpenedConversation">The new conversation when <paramref name="Outcome"/> is <see cref="InboundAppendOutcome.Opened"/>; otherwise <see langword="null"/>.</param>
public readonly record struct InboundAppendResult(InboundAppendOutcome Outcome, ConversationMessage Message, Conversation? OpenedConversation)
{
    /// <summary>
    /// The state of the conversation the message joined, after the append (for <see cref="InboundAppendOutcome.Opened"/>,
    /// the new conversation's). The engine wakes a <see cref="ConversationState.Snoozed"/> one. For a duplicate it is
    /// not defined; adapters may leave it <c>0</c>.
    /// </summary>
    public ConversationState JoinedState { get; init; }
}
