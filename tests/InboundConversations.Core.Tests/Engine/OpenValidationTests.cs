using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Every rule on an explicit open: the specific exception, and nothing stored or raised.</summary>
public sealed class OpenValidationTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Open_WithDefaultContactId_ThrowsInvalidIdentifierAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidIdentifierException>(Request() with { Contact = default });
        rejected.Field.Should().Be(nameof(ContactId));
    }

    [Fact]
    public async Task Open_WithDefaultChannelId_ThrowsInvalidIdentifierAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidIdentifierException>(Request() with { Channel = default });
        rejected.Field.Should().Be(nameof(ChannelId));
    }

    [Fact]
    public async Task Open_WithContactAsOpener_ThrowsInvalidActorAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidActorException>(Request() with { OpenedBy = Actor.Contact(TestInbox.Contact()) });
        rejected.ActorKind.Should().Be(ActorKind.Contact);
    }

    [Fact]
    public async Task Open_WithDefaultActor_ThrowsInvalidActorAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidActorException>(Request() with { OpenedBy = default });
        rejected.ActorKind.Should().Be(ActorKind.None);
    }

    [Fact]
    public async Task Open_AsAgentWhenContactHasOpenConversation_ThrowsOpenConversationExistsNamingIt()
    {
        var open = (await _inbox.ReceiveAsync()).ConversationId;
        var before = await InboxState.CaptureAsync(_inbox);

        var rejected = (await _inbox.Invoking(i => i.Engine.OpenAsync(Request()).AsTask())
            .Should().ThrowExactlyAsync<OpenConversationExistsException>()).Which;

        rejected.OpenConversationId.Should().Be(open);
        rejected.Message.Should().Contain(open.ToString());
        rejected.Should().BeAssignableTo<InboundConversationsException>();
        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
    }

    public void Dispose() => _inbox.Dispose();

    private static OpenConversationRequest Request() => new()
    {
        Contact = TestInbox.Contact(),
        Channel = TestInbox.Channel(),
        OpenedBy = Actor.Agent(new AgentId("agent-1")),
    };

    private async Task<TException> RejectAsync<TException>(OpenConversationRequest bad)
        where TException : InboundConversationsException
    {
        var rejected = (await _inbox.Invoking(i => i.Engine.OpenAsync(bad).AsTask()).Should().ThrowExactlyAsync<TException>()).Which;

        await InboxState.ShouldBeEmptyAsync(_inbox);
        rejected.Should().BeAssignableTo<InboundConversationsException>();
        return rejected;
    }
}
