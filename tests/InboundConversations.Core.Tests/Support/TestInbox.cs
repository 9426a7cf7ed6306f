using InboundConversations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InboundConversations.Tests.Support;

/// <summary>
/// The engine as a host wires it (AddInboundConversations on the in-memory default), with a fake clock and a
/// recording event handler.
/// </summary>
public sealed class TestInbox : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private int _externalIds;

    public TestInbox(
        Action<InboundConversationsOptions>? configure = null,
        Action<IInboundConversationsBuilder>? build = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        services?.Invoke(collection);
        var builder = collection.AddInboundConversations(configure).AddEventHandler<RecordingEventHandler>();
        build?.Invoke(builder);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Engine = _provider.GetRequiredService<IConversationEngine>();
        Roster = _provider.GetRequiredService<IAgentRoster>();
        Store = _provider.GetRequiredService<InMemoryConversationStore>();
        Directory = _provider.GetRequiredService<IAgentDirectory>();
        Recorder = (RecordingEventHandler)_provider.GetServices<IConversationEventHandler>().First(h => h is RecordingEventHandler);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The built service provider, for tests that need more than the engine.</summary>
    public IServiceProvider Services => _provider;

    public IConversationEngine Engine { get; }

    public IAgentRoster Roster { get; }

    public InMemoryConversationStore Store { get; }

    /// <summary>The agent directory the roster uses; still readable after the container is disposed.</summary>
    public IAgentDirectory Directory { get; }

    public RecordingEventHandler Recorder { get; }

    public IReadOnlyList<ConversationEvent> Events => Recorder.Events;

    public static ContactId Contact(string id = "contact-1") => new(id);

    public static ChannelId Channel(string id = "whatsapp") => new(id);

    /// <summary>A valid inbound message; each call gets a new external id unless one is given.</summary>
    public InboundMessage Message(string contact = "contact-1", string? externalId = null, string content = "Hello", string channel = "whatsapp", WorkspaceId workspace = default) => new()
    {
        Workspace = workspace,
        Contact = new ContactId(contact),
        Channel = new ChannelId(channel),
        ExternalId = externalId ?? $"ext-{Interlocked.Increment(ref _externalIds)}",
        Content = content,
        SentAt = Clock.GetUtcNow(),
    };

    public ValueTask<ReceiveResult> ReceiveAsync(string contact = "contact-1", string? externalId = null, string content = "Hello", WorkspaceId workspace = default) =>
        Engine.ReceiveAsync(Message(contact, externalId, content, workspace: workspace));

    public ValueTask<Conversation> CloseAsync(ConversationId id, string agent = "agent-1", WorkspaceId workspace = default) =>
        Engine.CloseAsync(new CloseConversationRequest { Workspace = workspace, ConversationId = id, ClosedBy = Actor.Agent(new AgentId(agent)) });

    public ValueTask<ConversationMessage> SendAsync(ConversationId id, string content = "Hi, how can I help?", string agent = "agent-1", WorkspaceId workspace = default) =>
        Engine.SendAsync(new OutboundMessage { Workspace = workspace, ConversationId = id, Author = Actor.Agent(new AgentId(agent)), Content = content });

    public ValueTask<Conversation> OpenAsync(Actor openedBy, string contact = "contact-1", string channel = "whatsapp", WorkspaceId workspace = default) =>
        Engine.OpenAsync(new OpenConversationRequest { Workspace = workspace, Contact = new ContactId(contact), Channel = new ChannelId(channel), OpenedBy = openedBy });

    public void Dispose() => _provider.Dispose();
}
