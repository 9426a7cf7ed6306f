namespace InboundConversations.WebhookHost.Agents;

/// <summary>The body of <c>PUT /agents/{agentId}/presence</c>: <c>{ "presence": "online" | "away" | "offline" }</c>.</summary>
public sealed record PresenceChange(AgentPresence? Presence);
