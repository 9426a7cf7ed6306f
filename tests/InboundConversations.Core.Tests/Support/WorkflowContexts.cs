using InboundConversations.Workflow;

namespace InboundConversations.Tests.Support;

/// <summary>Builds the contexts workflow steps receive, for unit tests of enrichers and routers.</summary>
public static class WorkflowContexts
{
    private static readonly DateTimeOffset Now = TestInbox.Start;

    public static Conversation Conversation(string channel = "whatsapp") => new()
    {
        Workspace = WorkspaceId.Default,
        Id = ConversationId.New(Now),
        Contact = new ContactId("contact-1"),
        Channel = new ChannelId(channel),
        Source = ConversationSource.Contact,
        OpenedBy = Actor.Contact(new ContactId("contact-1")),
        OpenedAt = Now,
        State = ConversationState.Triaging,
        Version = 1,
    };

    public static ConversationMessage FirstMessage(Conversation conversation, string content) => new()
    {
        Workspace = conversation.Workspace,
        Id = MessageId.New(Now),
        ConversationId = conversation.Id,
        Contact = conversation.Contact,
        Direction = MessageDirection.Inbound,
        Channel = conversation.Channel,
        ExternalId = "ext-1",
        Author = Actor.Contact(conversation.Contact),
        Content = content,
        SentAt = Now,
        RecordedAt = Now,
        Sequence = 1,
    };

    public static ContactProfile Contact(IReadOnlyDictionary<string, string>? fields = null, params string[] tags) => new()
    {
        Workspace = WorkspaceId.Default,
        Id = new ContactId("contact-1"),
        Fields = new Dictionary<string, string>(fields ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        Tags = new HashSet<string>(tags, StringComparer.Ordinal),
    };

    public static EnrichmentContext Enrichment(string? firstMessage)
    {
        var conversation = Conversation();
        return new EnrichmentContext(
            conversation,
            firstMessage is null ? null : FirstMessage(conversation, firstMessage),
            Contact(),
            new Dictionary<string, string>(StringComparer.Ordinal));
    }

    public static RoutingContext Routing(
        IReadOnlyDictionary<string, string>? facts = null,
        IReadOnlyDictionary<string, string>? fields = null,
        string[]? tags = null,
        string channel = "whatsapp",
        string firstMessage = "Hello")
    {
        var conversation = Conversation(channel);
        return new RoutingContext(
            conversation,
            FirstMessage(conversation, firstMessage),
            Contact(fields, tags ?? []),
            new Dictionary<string, string>(facts ?? new Dictionary<string, string>(), StringComparer.Ordinal));
    }
}
