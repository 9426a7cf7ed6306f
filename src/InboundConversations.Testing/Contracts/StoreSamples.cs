using InboundConversations.Storage;

namespace InboundConversations.Testing.Contracts;

/// <summary>Builds valid requests for the contract suites, each with fresh ids.</summary>
public sealed class StoreSamples
{
    private readonly Lock _clock = new();
    private long _next;

    /// <summary>Creates samples whose times start at <paramref name="start"/>.</summary>
    /// <param name="start">The first time handed out; each call moves one second on.</param>
    public StoreSamples(DateTimeOffset start) => Now = start;

    /// <summary>The time the next sample gets.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>A contact id not used before by these samples.</summary>
    /// <returns>The new contact id.</returns>
    public ContactId NewContact() => new($"contact-{Interlocked.Increment(ref _next)}");

    /// <summary>An inbound message for <paramref name="contact"/>, with a fresh external id unless one is given.</summary>
    /// <param name="contact">The contact who writes.</param>
    /// <param name="externalId">The channel's message id; fresh if <see langword="null"/>.</param>
    /// <param name="channel">The channel; <c>whatsapp</c> if <see langword="null"/>.</param>
    /// <param name="workspace">The workspace.</param>
    /// <returns>The request for <see cref="IConversationStore.AppendInboundAsync"/>.</returns>
    public InboundAppend Inbound(ContactId contact, string? externalId = null, string? channel = null, WorkspaceId workspace = default)
    {
        var now = Tick();
        return new InboundAppend
        {
            Workspace = workspace,
            Contact = contact,
            Channel = new ChannelId(channel ?? "whatsapp"),
            ExternalId = externalId ?? $"ext-{Interlocked.Increment(ref _next)}",
            Content = "contract test message",
            SentAt = now,
            ReceivedAt = now,
            MessageId = new MessageId(Guid.NewGuid()),
            NewConversationId = new ConversationId(Guid.NewGuid()),
            NewConversationState = ConversationState.Unassigned,
        };
    }

    /// <summary>A new conversation opened by an agent for <paramref name="contact"/>, at version 1.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="workspace">The workspace.</param>
    /// <returns>The conversation for <see cref="IConversationStore.OpenAsync"/>.</returns>
    public Conversation AgentOpened(ContactId contact, WorkspaceId workspace = default) => new()
    {
        Workspace = workspace,
        Id = new ConversationId(Guid.NewGuid()),
        Contact = contact,
        Channel = new ChannelId("webchat"),
        Source = ConversationSource.User,
        OpenedBy = Actor.Agent(new AgentId("agent-1")),
        OpenedAt = Tick(),
        State = ConversationState.Unassigned,
        Version = 1,
    };

    /// <summary>An agent's reply in <paramref name="conversation"/>.</summary>
    /// <param name="conversation">The conversation to write in.</param>
    /// <returns>The message for <see cref="IConversationStore.AppendOutboundAsync"/>.</returns>
    public ConversationMessage Reply(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var now = Tick();
        return new ConversationMessage
        {
            Workspace = conversation.Workspace,
            Id = new MessageId(Guid.NewGuid()),
            ConversationId = conversation.Id,
            Contact = conversation.Contact,
            Direction = MessageDirection.Outbound,
            Channel = conversation.Channel,
            Author = Actor.Agent(new AgentId("agent-1")),
            Content = "contract test reply",
            SentAt = now,
            RecordedAt = now,
            Sequence = 0,
        };
    }

    /// <summary><paramref name="conversation"/> closed by an agent, based on its current version.</summary>
    /// <param name="conversation">The open conversation as last read.</param>
    /// <returns>The snapshot for <see cref="IConversationStore.UpdateAsync"/>.</returns>
    public Conversation Closed(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation with
        {
            State = ConversationState.Closed,
            Closure = new ConversationClosure(Actor.Agent(new AgentId("agent-1")), Tick(), "resolved", null),
        };
    }

    private DateTimeOffset Tick()
    {
        lock (_clock)
        {
            Now = Now.AddSeconds(1);
            return Now;
        }
    }
}
