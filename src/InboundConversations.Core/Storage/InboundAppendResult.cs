namespace InboundConversations.Storage;

/// <summary>The result of <see cref="IConversationStore.AppendInboundAsync"/>.</summary>
/// <param name="Outcome">Opened, appended, or a duplicate.</param>
/// <param name="Message">The recorded message; for a duplicate, the original one recorded earlier.</param>
/// <param name="OpenedConversation">The new conversation when <paramref name="Outcome"/> is <see cref="InboundAppendOutcome.Opened"/>; otherwise <see langword="null"/>.</param>
public readonly record struct InboundAppendResult(InboundAppendOutcome Outcome, ConversationMessage Message, Conversation? OpenedConversation);
