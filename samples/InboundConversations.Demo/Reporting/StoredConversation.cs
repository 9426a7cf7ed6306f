namespace InboundConversations.Demo.Reporting;

/// <summary>One conversation as the inbox stores it at the end of the stretch, read back from it, beside what the ledger saw.</summary>
internal sealed record StoredConversation(ConversationRecord Record, Conversation Conversation, IReadOnlyList<ConversationMessage> Messages);
