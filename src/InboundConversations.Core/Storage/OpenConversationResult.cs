namespace InboundConversations.Storage;

/// <summary>The result of <see cref="IConversationStore.OpenAsync"/>.</summary>
/// <param name="Conversation">The stored new conversation, or the contact's conversation that was already open.</param>
/// <param name="Opened">True if <paramref name="Conversation"/> is the new one; false if the contact already had one open.</param>
public readonly record struct OpenConversationResult(Conversation Conversation, bool Opened);
