namespace InboundConversations.WebhookHost.Conversations;

/// <summary>A recorded message as the API shows it; <see cref="ExternalId"/> is the provider's id of an inbound one.</summary>
public sealed record MessageView(
    long Sequence,
    MessageDirection Direction,
    string Author,
    string Channel,
    string Text,
    DateTimeOffset SentAt,
    DateTimeOffset RecordedAt,
    string? ExternalId)
{
    public static MessageView From(ConversationMessage message) => new(
        message.Sequence,
        message.Direction,
        message.Author.ToString(),
        message.Channel.Value,
        message.Content,
        message.SentAt,
        message.RecordedAt,
        message.ExternalId);
}

/// <summary>A conversation with its messages, in the order recorded.</summary>
public sealed record ConversationDetails(ConversationView Conversation, IReadOnlyList<MessageView> Messages);
