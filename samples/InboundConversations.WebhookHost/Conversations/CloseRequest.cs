namespace InboundConversations.WebhookHost.Conversations;

/// <summary>The body of <c>POST /conversations/{id}/close</c>: a registered agent closes it, with an optional category and notes.</summary>
public sealed record CloseRequest(string? AgentId, string? Category, string? Notes);
