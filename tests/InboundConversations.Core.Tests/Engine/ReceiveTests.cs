using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>The inbound path, one message at a time: open, join, record.</summary>
public sealed class ReceiveTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Receive_WhenContactHasNoOpenConversation_OpensOneWithSourceContact()
    {
        var result = await _inbox.ReceiveAsync("contact-1");

        result.OpenedConversation.Should().BeTrue();
        result.IsDuplicate.Should().BeFalse();
        var conversation = await _inbox.Engine.GetConversationAsync(result.ConversationId);
        conversation.Source.Should().Be(ConversationSource.Contact);
        conversation.OpenedBy.Should().Be(Actor.Contact(TestInbox.Contact("contact-1")));
        conversation.Contact.Should().Be(TestInbox.Contact("contact-1"));
        conversation.Channel.Should().Be(TestInbox.Channel());
        conversation.Workspace.Should().Be(WorkspaceId.Default);
        conversation.OpenedAt.Should().Be(TestInbox.Start);
        conversation.IsOpen.Should().BeTrue();
        conversation.Closure.Should().BeNull();
        conversation.Version.Should().Be(1);
    }

    [Fact]
    public async Task Receive_WhenContactHasOpenConversation_JoinsItAndChangesNoState()
    {
        var first = await _inbox.ReceiveAsync();
        var before = await _inbox.Engine.GetConversationAsync(first.ConversationId);

        var second = await _inbox.ReceiveAsync();

        second.Outcome.Should().Be(ReceiveOutcome.Appended);
        second.OpenedConversation.Should().BeFalse();
        second.ConversationId.Should().Be(first.ConversationId);
        (await _inbox.Engine.GetConversationAsync(first.ConversationId)).Should().Be(before, "a contact message to an open conversation changes no state");
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact())).Should().ContainSingle();
    }

    [Fact]
    public async Task Receive_RecordsTheMessageAsSentWithTheNextSequence()
    {
        var sentAt = TestInbox.Start.AddSeconds(-30);
        await _inbox.ReceiveAsync();
        _inbox.Clock.Advance(TimeSpan.FromSeconds(5));

        var result = await _inbox.Engine.ReceiveAsync(_inbox.Message(externalId: "wamid-42", content: "Where is my order?") with { SentAt = sentAt });

        var message = (await _inbox.Engine.GetMessagesAsync(result.ConversationId)).Should().HaveCount(2).And.Subject.Last();
        message.Id.Should().Be(result.MessageId);
        message.ConversationId.Should().Be(result.ConversationId);
        message.Direction.Should().Be(MessageDirection.Inbound);
        message.ExternalId.Should().Be("wamid-42");
        message.Channel.Should().Be(TestInbox.Channel());
        message.Author.Should().Be(Actor.Contact(TestInbox.Contact()));
        message.Content.Should().Be("Where is my order?");
        message.SentAt.Should().Be(sentAt);
        message.RecordedAt.Should().Be(TestInbox.Start.AddSeconds(5));
        message.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task Send_RecordsAnOutboundMessageAfterTheInboundOnes()
    {
        var opened = await _inbox.ReceiveAsync();

        var reply = await _inbox.SendAsync(opened.ConversationId, "Let me check.");

        reply.Direction.Should().Be(MessageDirection.Outbound);
        reply.Author.Should().Be(Actor.Agent(new AgentId("agent-1")));
        reply.Channel.Should().Be(TestInbox.Channel(), "an unset channel means the conversation's own");
        reply.ExternalId.Should().BeNull();
        reply.Contact.Should().Be(TestInbox.Contact());
        reply.Sequence.Should().Be(2);
        (await _inbox.Engine.GetMessagesAsync(opened.ConversationId)).Select(m => m.Direction)
            .Should().Equal(MessageDirection.Inbound, MessageDirection.Outbound);
    }

    [Fact]
    public async Task FindOpenConversation_ReturnsTheOpenOneAndNullAfterItCloses()
    {
        var opened = await _inbox.ReceiveAsync();

        (await _inbox.Engine.FindOpenConversationAsync(TestInbox.Contact()))!.Id.Should().Be(opened.ConversationId);
        await _inbox.CloseAsync(opened.ConversationId);
        (await _inbox.Engine.FindOpenConversationAsync(TestInbox.Contact())).Should().BeNull();
    }

    public void Dispose() => _inbox.Dispose();
}
