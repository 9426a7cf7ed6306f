using InboundConversations.Storage;

namespace InboundConversations.Testing;

/// <summary>
/// Builds valid requests for the contract suites, each with fresh ids: contact ids and external message ids (even the
/// ones a test names) carry a suffix unique to this instance, so tests over one shared database never meet each
/// other's rows, in one run or across runs.
/// </summary>
public sealed class StoreSamples
{
    private readonly Lock _clock = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private long _next;

    /// <summary>Creates samples whose times start at <paramref name="start"/>.</summary>
    /// <param name="start">The first time handed out; each call moves one second on.</param>
    public StoreSamples(DateTimeOffset start) => Now = start;

    /// <summary>The time the next sample gets.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>A contact id not used before, by these samples or any other.</summary>
    /// <returns>The new contact id.</returns>
    public ContactId NewContact() => new($"contact-{Interlocked.Increment(ref _next)}-{_run}");

    /// <summary>A team id not used before by these samples.</summary>
    /// <returns>The new team id.</returns>
    public TeamId NewTeam() => new($"team-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}");

    /// <summary>An agent id not used before by these samples.</summary>
    /// <returns>The new agent id.</returns>
    public AgentId NewAgent() => new($"agent-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}");

    /// <summary>A conversation id not used before, at version 1: what an agent reservation is taken for.</summary>
    /// <returns>The conversation and its version.</returns>
    public static ConversationVersion NewConversation() => new(new ConversationId(Guid.NewGuid()), 1);

    /// <summary>
    /// An inbound message for <paramref name="contact"/> that, if it opens a conversation, opens it Triaging with a
    /// pending workflow run (<see cref="InboundAppend.StartsWorkflow"/>), as the engine does for a contact's opening.
    /// </summary>
    /// <param name="contact">The contact who writes.</param>
    /// <param name="externalId">The channel's message id; fresh if <see langword="null"/>.</param>
    /// <param name="workspace">The workspace.</param>
    /// <returns>The request for <see cref="IConversationStore.AppendInboundAsync"/>.</returns>
    public InboundAppend InboundStartingWorkflow(ContactId contact, string? externalId = null, WorkspaceId workspace = default) =>
        Inbound(contact, externalId, workspace: workspace) with { NewConversationState = ConversationState.Triaging, StartsWorkflow = true };

    /// <summary>An inbound message for <paramref name="contact"/>, with a fresh external id unless one is given.</summary>
    /// <param name="contact">The contact who writes.</param>
    /// <param name="externalId">
    /// The channel's message id, to which these samples add their own suffix (the same name gives the same id within
    /// one instance); fresh if <see langword="null"/>.
    /// </param>
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
            ExternalId = $"{externalId ?? $"ext-{Interlocked.Increment(ref _next)}"}@{_run}",
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
        Source = ConversationSource.Agent,
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

    /// <summary><paramref name="conversation"/> entering <paramref name="team"/>'s queue now, based on its current version.</summary>
    /// <param name="conversation">The open conversation as last read.</param>
    /// <param name="team">The team whose queue it enters.</param>
    /// <returns>The snapshot for <see cref="IConversationStore.UpdateAsync"/>.</returns>
    public Conversation Queued(Conversation conversation, TeamId team)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation with { State = ConversationState.Queued, Team = team, Assignee = null, QueuedAt = Tick() };
    }

    /// <summary><paramref name="conversation"/> assigned to <paramref name="agent"/> (it leaves any queue), based on its current version.</summary>
    /// <param name="conversation">The open conversation as last read.</param>
    /// <param name="agent">The agent who takes it.</param>
    /// <returns>The snapshot for <see cref="IConversationStore.UpdateAsync"/>.</returns>
    public static Conversation Assigned(Conversation conversation, AgentId agent)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation with { State = ConversationState.Assigned, Assignee = agent, QueuedAt = null };
    }

    /// <summary>A time: the clock of these samples moves one second on.</summary>
    /// <returns>The next sample time.</returns>
    public DateTimeOffset NextTime() => Tick();

    private DateTimeOffset Tick()
    {
        lock (_clock)
        {
            Now = Now.AddSeconds(1);
            return Now;
        }
    }
}
