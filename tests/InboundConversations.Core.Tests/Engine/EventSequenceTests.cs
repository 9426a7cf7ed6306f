using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Engine;

/// <summary>Which events each operation raises, with what in them.</summary>
public sealed class EventSequenceTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Receive_FirstMessage_RaisesConversationOpenedWithSourceContactThenMessageReceived()
    {
        var result = await _inbox.ReceiveAsync();

        _inbox.Events.Should().HaveCount(2);
        var opened = _inbox.Events[0].Should().BeOfType<ConversationOpened>().Subject;
        opened.Source.Should().Be(ConversationSource.Contact);
        opened.Conversation.Should().Be(await _inbox.Engine.GetConversationAsync(result.ConversationId));
        opened.Contact.Should().Be(TestInbox.Contact());
        opened.OccurredAt.Should().Be(TestInbox.Start);
        var received = _inbox.Events[1].Should().BeOfType<MessageReceived>().Subject;
        received.Message.Should().Be((await _inbox.Engine.GetMessagesAsync(result.ConversationId)).Single());
        received.ConversationId.Should().Be(result.ConversationId);
    }

    [Fact]
    public async Task Receive_LaterMessage_RaisesOnlyMessageReceived()
    {
        await _inbox.ReceiveAsync();

        var later = await _inbox.ReceiveAsync();

        _inbox.Events.Skip(2).Should().ContainSingle()
            .Which.Should().BeOfType<MessageReceived>()
            .Which.Message.Id.Should().Be(later.MessageId);
    }

    [Fact]
    public async Task Receive_Redelivery_RaisesNothing()
    {
        var message = _inbox.Message();
        await _inbox.Engine.ReceiveAsync(message);

        await _inbox.Engine.ReceiveAsync(message);

        _inbox.Events.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_RaisesMessageSentWithTheRecordedMessage()
    {
        var opened = await _inbox.ReceiveAsync();

        var reply = await _inbox.SendAsync(opened.ConversationId);

        _inbox.Events.Skip(2).Should().ContainSingle()
            .Which.Should().BeOfType<MessageSent>()
            .Which.Message.Should().Be(reply);
    }

    [Fact]
    public async Task Close_RaisesConversationClosedWithTheClosure()
    {
        var opened = await _inbox.ReceiveAsync();
        _inbox.Clock.Advance(TimeSpan.FromMinutes(1));

        var closed = await _inbox.Engine.CloseAsync(new CloseConversationRequest
        {
            ConversationId = opened.ConversationId,
            ClosedBy = Actor.Agent(new AgentId("agent-1")),
            Category = "resolved",
        });

        var raised = _inbox.Events.Skip(2).Should().ContainSingle().Which.Should().BeOfType<ConversationClosed>().Subject;
        raised.Conversation.Should().Be(closed);
        raised.Closure.Should().Be(closed.Closure);
        raised.Closure.Category.Should().Be("resolved");
        raised.OccurredAt.Should().Be(TestInbox.Start.AddMinutes(1));
    }

    [Fact]
    public async Task Events_AreDeliveredOnlyAfterTheChangeIsStored()
    {
        var notYetStored = new List<ConversationEvent>();
        IConversationEngine? engine = null;
        using var inbox = new TestInbox(build: b => b.OnEvent<ConversationEvent>(async (e, ct) =>
        {
            var messages = await engine!.GetMessagesAsync(e.ConversationId, e.Workspace, ct);
            var conversation = await engine.GetConversationAsync(e.ConversationId, e.Workspace, ct);
            var stored = e switch
            {
                MessageReceived r => messages.Contains(r.Message),
                MessageSent s => messages.Contains(s.Message),
                ConversationClosed c => conversation == c.Conversation,
                _ => true,
            };
            if (!stored)
            {
                notYetStored.Add(e);
            }
        }));
        engine = inbox.Engine;

        var opened = await inbox.ReceiveAsync();
        await inbox.ReceiveAsync();
        await inbox.SendAsync(opened.ConversationId);
        await inbox.CloseAsync(opened.ConversationId);

        inbox.Events.Should().HaveCount(5);
        notYetStored.Should().BeEmpty();
    }

    public void Dispose() => _inbox.Dispose();
}
