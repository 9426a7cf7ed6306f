namespace InboundConversations.WebhookHost.Conversations;

/// <summary>The body of <c>POST /conversations/{id}/replies</c>: a registered agent's reply.</summary>
public sealed record ReplyRequest(string? AgentId, string? Text);
