using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Invariant 1: at most one open conversation per contact under any interleaving of concurrent calls.</summary>
public sealed class SingleOpenConversationTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Receive_HundredConcurrentMessagesForOneContact_OpenOneConversationHoldingEachMessageOnce()
    {
        var messages = Enumerable.Range(0, 100).Select(i => _inbox.Message(externalId: $"ext-{i}", content: $"message {i}")).ToArray();

        var results = await Concurrently.RunAsync(messages.Length, i => _inbox.Engine.ReceiveAsync(messages[i]).AsTask());

        results.Should().ContainSingle(r => r.OpenedConversation, "exactly one message opens the conversation");
        results.Should().NotContain(r => r.IsDuplicate);
        var conversationId = results.Select(r => r.ConversationId).Distinct().Should().ContainSingle().Subject;
        var conversations = await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact());
        conversations.Should().ContainSingle().Which.Id.Should().Be(conversationId);
        conversations[0].IsOpen.Should().BeTrue();

        var stored = await _inbox.Engine.GetMessagesAsync(conversationId);
        stored.Select(m => m.ExternalId).Should().BeEquivalentTo(messages.Select(m => m.ExternalId), "every message is stored exactly once");
        stored.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, 100).Select(i => (long)i));
        stored.Select(m => m.Id).Should().BeEquivalentTo(results.Select(r => r.MessageId));
    }

    [Fact]
    public async Task Receive_FiftyContactsTwentyMessagesEachConcurrently_OpenExactlyOneConversationPerContact()
    {
        const int contacts = 50;
        const int perContact = 20;
        var messages = Enumerable.Range(0, contacts * perContact)
            .Select(i => _inbox.Message(contact: $"contact-{i % contacts}", externalId: $"ext-{i}"))
            .ToArray();

        var results = await Concurrently.RunAsync(messages.Length, i => _inbox.Engine.ReceiveAsync(messages[i]).AsTask());

        results.Count(r => r.OpenedConversation).Should().Be(contacts);
        for (var c = 0; c < contacts; c++)
        {
            var conversation = (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact($"contact-{c}"))).Should().ContainSingle().Subject;
            var stored = await _inbox.Engine.GetMessagesAsync(conversation.Id);
            stored.Should().HaveCount(perContact).And.OnlyContain(m => m.Contact == conversation.Contact);
        }
    }

    [Fact]
    public async Task OpenAndReceive_RacingForOneContact_LeaveExactlyOneOpenConversation()
    {
        var agent = Actor.Agent(new AgentId("agent-1"));
        var outcomes = await Concurrently.RunAsync(40, async i =>
        {
            if (i % 2 == 0)
            {
                return (await _inbox.ReceiveAsync()).ConversationId;
            }

            try
            {
                return (await _inbox.OpenAsync(agent)).Id;
            }
            catch (OpenConversationExistsException e)
            {
                return e.OpenConversationId;
            }
        });

        var open = (await _inbox.Engine.FindOpenConversationAsync(TestInbox.Contact()))!;
        outcomes.Should().AllSatisfy(id => id.Should().Be(open.Id), "every caller sees the one open conversation");
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact())).Should().ContainSingle();
        (await _inbox.Engine.GetMessagesAsync(open.Id)).Should().HaveCount(20);
    }

    public void Dispose() => _inbox.Dispose();
}
