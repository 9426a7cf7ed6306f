using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Engine;

/// <summary>A handler may call back into the engine for the same contact without deadlock.</summary>
public sealed class ReentrantHandlerTests
{
    /// <summary>Far longer than the work needs: a timeout here means a deadlock, not a slow machine.</summary>
    private static readonly TimeSpan DeadlockBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Handler_ReplyingOnConversationOpened_DoesNotDeadlockAndItsEventFollows()
    {
        IConversationEngine? engine = null;
        using var inbox = new TestInbox(build: b => b.OnEvent<ConversationOpened>(async (e, ct) =>
            await engine!.SendAsync(new OutboundMessage
            {
                Workspace = e.Workspace,
                ConversationId = e.ConversationId,
                Author = Actor.Workflow("greeter"),
                Content = "Thanks for writing, an agent will be with you shortly.",
            }, ct)));
        engine = inbox.Engine;

        var result = await inbox.ReceiveAsync().AsTask().WaitAsync(DeadlockBound);

        (await inbox.Engine.GetMessagesAsync(result.ConversationId)).Select(m => m.Direction)
            .Should().Equal(MessageDirection.Inbound, MessageDirection.Outbound);
        inbox.Events.Select(e => e.GetType()).Should().Equal(typeof(ConversationOpened), typeof(MessageReceived), typeof(MessageSent));
    }

    [Fact]
    public async Task Handler_ReceivingAndClosingForTheSameContact_DoesNotDeadlock()
    {
        IConversationEngine? engine = null;
        TestInbox? self = null;
        using var inbox = new TestInbox(build: b => b
            .OnEvent<ConversationOpened>(async (e, ct) => await engine!.ReceiveAsync(self!.Message(e.Contact.Value), ct))
            .OnEvent<MessageReceived>(async (e, ct) =>
            {
                if (e.Message.Sequence == 2)
                {
                    await engine!.CloseAsync(new CloseConversationRequest { ConversationId = e.ConversationId, ClosedBy = Actor.Workflow() }, ct);
                }
            }));
        engine = inbox.Engine;
        self = inbox;

        var result = await inbox.ReceiveAsync().AsTask().WaitAsync(DeadlockBound);

        (await inbox.Engine.GetConversationAsync(result.ConversationId)).State.Should().Be(ConversationState.Closed);
        (await inbox.Engine.GetMessagesAsync(result.ConversationId)).Should().HaveCount(2);
        inbox.Events.Select(e => e.GetType()).Should().Equal(
            typeof(ConversationOpened), typeof(MessageReceived), typeof(MessageReceived), typeof(ConversationClosed));
    }

    [Fact]
    public async Task Handler_CallingBackUnderConcurrentTraffic_DoesNotDeadlock()
    {
        IConversationEngine? engine = null;
        using var inbox = new TestInbox(build: b => b.OnEvent<MessageReceived>(async (e, ct) =>
            await engine!.SendAsync(new OutboundMessage { ConversationId = e.ConversationId, Author = Actor.Workflow(), Content = "ack" }, ct)));
        engine = inbox.Engine;

        await Concurrently.RunAsync(100, i => inbox.ReceiveAsync($"contact-{i % 5}").AsTask()).WaitAsync(DeadlockBound);

        inbox.Events.OfType<MessageSent>().Should().HaveCount(100);
    }
}
