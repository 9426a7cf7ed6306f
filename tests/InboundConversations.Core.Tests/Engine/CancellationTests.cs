using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>A token cancelled before the call is honoured, and nothing is stored.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TestInbox _inbox = new();
    private readonly CancellationToken _cancelled = new(canceled: true);

    [Fact]
    public async Task Receive_WithCancelledToken_ThrowsOperationCanceledAndStoresNothing()
    {
        await _inbox.Invoking(i => i.Engine.ReceiveAsync(i.Message(), _cancelled).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();

        await InboxState.ShouldBeEmptyAsync(_inbox);
    }

    [Fact]
    public async Task Receive_WithCancelledTokenToOpenConversation_ThrowsOperationCanceledAndAppendsNothing()
    {
        await _inbox.ReceiveAsync();
        var before = await InboxState.CaptureAsync(_inbox);

        await _inbox.Invoking(i => i.Engine.ReceiveAsync(i.Message(), _cancelled).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();

        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
    }

    [Fact]
    public async Task Open_WithCancelledToken_ThrowsOperationCanceledAndStoresNothing()
    {
        var request = new OpenConversationRequest
        {
            Contact = TestInbox.Contact(),
            Channel = TestInbox.Channel(),
            OpenedBy = Actor.Agent(new AgentId("agent-1")),
        };

        await _inbox.Invoking(i => i.Engine.OpenAsync(request, _cancelled).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();

        await InboxState.ShouldBeEmptyAsync(_inbox);
    }

    [Fact]
    public async Task Send_WithCancelledToken_ThrowsOperationCanceledAndStoresNothing()
    {
        var open = (await _inbox.ReceiveAsync()).ConversationId;
        var before = await InboxState.CaptureAsync(_inbox);
        var reply = new OutboundMessage { ConversationId = open, Author = Actor.Agent(new AgentId("agent-1")), Content = "Hi" };

        await _inbox.Invoking(i => i.Engine.SendAsync(reply, _cancelled).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();

        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
    }

    [Fact]
    public async Task Close_WithCancelledToken_ThrowsOperationCanceledAndLeavesItOpen()
    {
        var open = (await _inbox.ReceiveAsync()).ConversationId;
        var before = await InboxState.CaptureAsync(_inbox);
        var close = new CloseConversationRequest { ConversationId = open, ClosedBy = Actor.Agent(new AgentId("agent-1")) };

        await _inbox.Invoking(i => i.Engine.CloseAsync(close, _cancelled).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();

        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
        (await _inbox.Engine.GetConversationAsync(open)).IsOpen.Should().BeTrue();
    }

    public void Dispose() => _inbox.Dispose();
}
