using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Engine;

/// <summary><c>OnEvent&lt;TEvent&gt;</c> delegates receive only events of their type.</summary>
public sealed class DelegateHandlerTests
{
    [Fact]
    public async Task OnEvent_ForOneEventType_ReceivesOnlyThatType()
    {
        var received = new List<ConversationEvent>();
        var opened = new List<ConversationEvent>();
        using var inbox = new TestInbox(build: b => b
            .OnEvent<MessageReceived>((e, _) => Record(received, e))
            .OnEvent<ConversationOpened>((e, _) => Record(opened, e)));

        var first = await inbox.ReceiveAsync();
        await inbox.ReceiveAsync();
        await inbox.SendAsync(first.ConversationId);
        await inbox.CloseAsync(first.ConversationId);

        inbox.Events.Should().HaveCount(5, "the cycle raised every kind of event");
        received.Should().HaveCount(2).And.AllBeOfType<MessageReceived>();
        received.Should().Equal(inbox.Events.OfType<MessageReceived>());
        opened.Should().ContainSingle().Which.Should().BeOfType<ConversationOpened>();
    }

    [Fact]
    public async Task OnEvent_ForTheBaseType_ReceivesEveryEvent()
    {
        var all = new List<ConversationEvent>();
        using var inbox = new TestInbox(build: b => b.OnEvent<ConversationEvent>((e, _) => Record(all, e)));

        var first = await inbox.ReceiveAsync();
        await inbox.CloseAsync(first.ConversationId);

        all.Should().Equal(inbox.Events).And.HaveCount(3);
    }

    private static ValueTask Record(List<ConversationEvent> into, ConversationEvent e)
    {
        lock (into)
        {
            into.Add(e);
        }

        return ValueTask.CompletedTask;
    }
}
