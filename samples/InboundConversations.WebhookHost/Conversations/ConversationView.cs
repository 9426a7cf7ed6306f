namespace InboundConversations.WebhookHost.Conversations;

/// <summary>A conversation as the API shows it.</summary>
public sealed record ConversationView(
    string Id,
    string Contact,
    string Channel,
    ConversationSource Source,
    ConversationState State,
    string? Team,
    string? Assignee,
    DateTimeOffset OpenedAt,
    DateTimeOffset? QueuedAt,
    ClosureView? Closure)
{
    public static ConversationView From(Conversation conversation) => new(
        conversation.Id.ToString(),
        conversation.Contact.Value,
        conversation.Channel.Value,
        conversation.Source,
        conversation.State,
        conversation.Team?.Value,
        conversation.Assignee?.Value,
        conversation.OpenedAt,
        conversation.QueuedAt,
        conversation.Closure is { } closure ? new ClosureView(closure.ClosedBy.ToString(), closure.ClosedAt, closure.Category, closure.Notes) : null);
}

/// <summary>How a conversation was closed: by whom (<c>Agent:ana</c>), when, and the optional category and notes.</summary>
public sealed record ClosureView(string ClosedBy, DateTimeOffset ClosedAt, string? Category, string? Notes);
