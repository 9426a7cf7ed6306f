using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InboundConversations.Tests.DependencyInjection;

/// <summary>AddInboundConversations registers defaults with TryAdd: what the host registered itself is kept.</summary>
public sealed class ServiceRegistrationTests
{
    private static readonly DateTimeOffset HostTime = new(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task AddInboundConversations_WithNothingElse_UsesTheInMemoryStoreAndSystemClock()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IConversationStore>().Should().BeSameAs(provider.GetRequiredService<InMemoryConversationStore>());
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        var engine = provider.GetRequiredService<IConversationEngine>();
        engine.Should().BeSameAs(provider.GetRequiredService<IConversationEngine>(), "the engine is a singleton");
        (await engine.ReceiveAsync(Message(DateTimeOffset.UtcNow))).OpenedConversation.Should().BeTrue();
    }

    [Fact]
    public async Task AddInboundConversations_KeepsTheHostsTimeProvider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(HostTime));
        services.AddInboundConversations();
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IConversationEngine>();

        var result = await engine.ReceiveAsync(Message(HostTime));

        (await engine.GetConversationAsync(result.ConversationId)).OpenedAt.Should().Be(HostTime);
    }

    [Fact]
    public async Task AddInboundConversations_KeepsTheHostsStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConversationStore, CountingConversationStore>();
        services.AddInboundConversations();
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IConversationEngine>().ReceiveAsync(Message(DateTimeOffset.UtcNow));

        provider.GetRequiredService<IConversationStore>().Should().BeOfType<CountingConversationStore>().Which.Writes.Should().Be(1);
        (await provider.GetRequiredService<InMemoryConversationStore>().FindOpenAsync(default, new ContactId("contact-1"), default))
            .Should().BeNull("the default store is not used");
    }

    [Fact]
    public void AddInboundConversations_Twice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations();
        services.AddInboundConversations().AddEventHandler<RecordingEventHandler>().AddEventHandler<RecordingEventHandler>();

        services.Count(d => d.ServiceType == typeof(IConversationEngine)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IConversationStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IConversationEventHandler)).Should().Be(1);
    }

    private static InboundMessage Message(DateTimeOffset sentAt) => new()
    {
        Contact = new ContactId("contact-1"),
        Channel = new ChannelId("whatsapp"),
        ExternalId = "ext-1",
        Content = "Hello",
        SentAt = sentAt,
    };
}
