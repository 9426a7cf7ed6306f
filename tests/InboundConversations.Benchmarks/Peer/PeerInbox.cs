using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Benchmarks.Peer;

/// <summary>
/// The peer as a .NET team would wire it: the saga state machine on MassTransit's in-memory saga repository,
/// reached in-process through the mediator (no transport, messages passed by reference).
/// </summary>
public sealed class PeerInbox : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public PeerInbox()
    {
        var services = new ServiceCollection();
        services.AddMediator(cfg => cfg.AddSagaStateMachine<PeerConversationStateMachine, PeerConversation>().InMemoryRepository());
        _provider = services.BuildServiceProvider();
        Mediator = _provider.GetRequiredService<IMediator>();
    }

    public IMediator Mediator { get; }

    /// <summary>The key the host derives from a contact id to correlate the saga: computed before any measurement.</summary>
    public static Guid KeyOf(ContactId contact) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(contact.Value)).AsSpan(0, 16));

    /// <summary>The peer's version of <paramref name="message"/>.</summary>
    public static PeerContactMessage From(InboundMessage message) =>
        new(KeyOf(message.Contact), message.Contact.Value, message.Channel.Value, message.ExternalId, message.Content, message.SentAt);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
