using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Every rule on an outbound message: the specific exception, and nothing stored or raised.</summary>
public sealed class SendValidationTests : IDisposable
{
    private const int MaxContent = 10;

    private readonly TestInbox _inbox = new(options => options.MaxContentLength = MaxContent);

    [Fact]
    public async Task Send_WithDefaultConversationId_ThrowsInvalidIdentifierAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidIdentifierException>(Reply(open) with { ConversationId = default });
        rejected.Field.Should().Be(nameof(ConversationId));
    }

    [Fact]
    public async Task Send_ToUnknownConversation_ThrowsConversationNotFoundAndStoresNothing()
    {
        var open = await OpenAsync();
        var unknown = ConversationId.New(_inbox.Clock.GetUtcNow());

        var rejected = await RejectAsync<ConversationNotFoundException>(Reply(open) with { ConversationId = unknown });

        rejected.ConversationId.Should().Be(unknown);
    }

    [Fact]
    public async Task Send_ToClosedConversation_ThrowsConversationClosedAndStoresNothing()
    {
        var open = await OpenAsync();
        await _inbox.CloseAsync(open);

        var rejected = await RejectAsync<ConversationClosedException>(Reply(open));

        rejected.ConversationId.Should().Be(open);
        rejected.Trigger.Should().Be(ConversationTrigger.AgentMessage);
    }

    [Fact]
    public async Task Send_WithContactAsAuthor_ThrowsInvalidActorAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidActorException>(Reply(open) with { Author = Actor.Contact(TestInbox.Contact()) });
        rejected.ActorKind.Should().Be(ActorKind.Contact);
    }

    [Fact]
    public async Task Send_WithDefaultActor_ThrowsInvalidActorAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidActorException>(Reply(open) with { Author = default });
        rejected.ActorKind.Should().Be(ActorKind.None);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Send_WithNullOrEmptyContent_ThrowsInvalidMessageContentAndStoresNothing(string? content)
    {
        var open = await OpenAsync();
        await RejectAsync<InvalidMessageContentException>(Reply(open) with { Content = content! });
    }

    [Fact]
    public async Task Send_WithContentOverMaxContentLength_ThrowsMessageTooLargeAndStoresNothing()
    {
        var open = await OpenAsync();
        await RejectAsync<MessageTooLargeException>(Reply(open) with { Content = new string('x', MaxContent + 1) });
    }

    public void Dispose() => _inbox.Dispose();

    private static OutboundMessage Reply(ConversationId id) => new()
    {
        ConversationId = id,
        Author = Actor.Agent(new AgentId("agent-1")),
        Content = "Hi",
    };

    private async Task<ConversationId> OpenAsync() => (await _inbox.ReceiveAsync()).ConversationId;

    private async Task<TException> RejectAsync<TException>(OutboundMessage bad)
        where TException : InboundConversationsException
    {
        var before = await InboxState.CaptureAsync(_inbox);

        var rejected = (await _inbox.Invoking(i => i.Engine.SendAsync(bad).AsTask()).Should().ThrowExactlyAsync<TException>()).Which;

        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
        rejected.Should().BeAssignableTo<InboundConversationsException>();
        return rejected;
    }
}
