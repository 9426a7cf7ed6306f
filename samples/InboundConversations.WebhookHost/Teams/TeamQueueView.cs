using InboundConversations.WebhookHost.Conversations;

namespace InboundConversations.WebhookHost.Teams;

/// <summary>A team's queue: its queued conversations, in the order they will be assigned.</summary>
public sealed record TeamQueueView(string Team, IReadOnlyList<ConversationView> Queued);
