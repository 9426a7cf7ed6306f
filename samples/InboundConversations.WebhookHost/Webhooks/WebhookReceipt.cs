namespace InboundConversations.WebhookHost.Webhooks;

/// <summary>
/// The answer to a delivery, always 200 once the message is recorded, so the provider stops retrying. A redelivery
/// gets the original's conversation and message ids, <see cref="Redelivery"/> true, and nothing is applied again.
/// </summary>
/// <param name="ConversationId">The conversation the message belongs to.</param>
/// <param name="MessageId">The message as the library recorded it.</param>
/// <param name="Outcome"><c>opened</c> a conversation, <c>appended</c> to the open one, or <c>duplicate</c>.</param>
/// <param name="Redelivery">True when the message had already been received.</param>
/// <param name="Detail">What happened, in words.</param>
public sealed record WebhookReceipt(string ConversationId, string MessageId, ReceiveOutcome Outcome, bool Redelivery, string Detail);
