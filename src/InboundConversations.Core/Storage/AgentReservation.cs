namespace InboundConversations.Storage;

/// <summary>One unit of an agent's capacity held for one conversation, as <see cref="IAgentDirectory"/> stores it.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Agent">The agent holding the unit.</param>
/// <param name="Conversation">The conversation it is held for.</param>
/// <param name="ConversationVersion">The conversation's version the reservation was (last) taken for.</param>
/// <param name="ReservedAt">When it was (last) taken: a reservation taken again for the same conversation is renewed.</param>
public sealed record AgentReservation(
    WorkspaceId Workspace, AgentId Agent, ConversationId Conversation, long ConversationVersion, DateTimeOffset ReservedAt);
