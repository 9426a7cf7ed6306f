using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>An outbound message goes out on the channel it names, or on the conversation's when it names none.</summary>
public sealed class OutboundChannelTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Send_NamingAnotherChannel_IsRecordedOnThatChannel()
    {
        var received = await _inbox.ReceiveAsync("c1");

        var sent = await _inbox.Engine.SendAsync(new OutboundMessage
        {
            ConversationId = received.ConversationId,
            Author = Actor.Agent(new AgentId("ana")),
            Content = "We will email you the invoice.",
            Channel = new ChannelId("email"),
        });

        sent.Channel.Should().Be(new ChannelId("email"));
        (await _inbox.Engine.GetMessagesAsync(received.ConversationId))[^1].Channel.Should().Be(new ChannelId("email"));
    }

    [Fact]
    public async Task Send_NamingNoChannel_IsRecordedOnTheConversationsChannel()
    {
        var received = await _inbox.ReceiveAsync("c1");

        var sent = await _inbox.SendAsync(received.ConversationId);

        sent.Channel.Should().Be(TestInbox.Channel());
    }

    public void Dispose() => _inbox.Dispose();
}
