namespace InboundConversations.WebhookHost.Webhooks;

/// <summary>
/// A provider's delivery of one contact message on <c>POST /webhooks/{channel}</c>:
/// <c>{ "messageId": "wamid.1", "from": "+34600000001", "text": "Hola", "timestamp": "2026-03-02T09:00:00Z" }</c>.
/// Every field is required; the provider sends the same <see cref="MessageId"/> again when it redelivers.
/// </summary>
public sealed record WebhookPayload(string? MessageId, string? From, string? Text, DateTimeOffset? Timestamp);
