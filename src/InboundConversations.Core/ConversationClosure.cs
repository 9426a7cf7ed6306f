namespace InboundConversations;

/// <summary>How a conversation was closed.</summary>
/// <param name="ClosedBy">Who closed it (an agent, the API or a workflow; never the contact).</param>
/// <param name="ClosedAt">When it was closed, by the library's <see cref="TimeProvider"/>.</param>
/// <param name="Category">The host's resolution category, if one was given (for example <c>refund-issued</c>).</param>
/// <param name="Notes">Free-text notes of the closer, if any. Never logged.</param>
public sealed record ConversationClosure(Actor ClosedBy, DateTimeOffset ClosedAt, string? Category, string? Notes);
