using InboundConversations.WebhookHost.Problems;

namespace InboundConversations.WebhookHost.Webhooks;

/// <summary>From the provider's payload to the library's <see cref="InboundMessage"/>, and from its result to the receipt.</summary>
internal static class WebhookMapping
{
    /// <summary>The message to receive, or <see langword="null"/> when a field is missing (see <see cref="MissingFields"/>).</summary>
    /// <remarks>
    /// The sample takes the sender's address as the contact id. A host that knows its contacts (a CRM, an address
    /// book across channels) resolves the address to its own id here. The library validates every value.
    /// </remarks>
    public static InboundMessage? ToInboundMessage(string channel, WebhookPayload payload) =>
        payload is { MessageId: { } messageId, From: { } from, Text: { } text, Timestamp: { } timestamp }
            ? new InboundMessage
            {
                Contact = new ContactId(from),
                Channel = new ChannelId(channel),
                ExternalId = messageId,
                Content = text,
                SentAt = timestamp,
            }
            : null;

    public static Dictionary<string, string[]> MissingFields(WebhookPayload payload) => RequiredFields.Missing(
        ("messageId", payload.MessageId), ("from", payload.From), ("text", payload.Text), ("timestamp", payload.Timestamp));

    public static WebhookReceipt ToReceipt(ReceiveResult result) => new(
        result.ConversationId.ToString(),
        result.MessageId.ToString(),
        result.Outcome,
        result.IsDuplicate,
        result.Outcome switch
        {
            ReceiveOutcome.Opened => "The message opened a new conversation.",
            ReceiveOutcome.Duplicate => "A redelivery of a message already received: recognised, and not applied again.",
            _ => "The message joined the contact's open conversation.",
        });
}
