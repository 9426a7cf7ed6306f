using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Engine;

/// <summary>Events of one conversation reach handlers in the order the changes happened, under concurrency too.</summary>
public sealed class EventOrderingTests : IDisposable
{
    private readonly List<ConversationEvent> _seen = [];
    private readonly TestInbox _inbox;

    public EventOrderingTests()
    {
        // The handler yields a random number of times before it records: delivery is then truly asynchronous and
        // uneven, so two deliverers running at once for one contact would show up as events recorded out of order.
        _inbox = new TestInbox(build: b => b.OnEvent<ConversationEvent>(async (e, _) =>
        {
            for (var yields = Random.Shared.Next(4); yields > 0; yields--)
            {
                await Task.Yield();
            }

            lock (_seen)
            {
                _seen.Add(e);
            }
        }));
    }

    [Fact]
    public async Task Events_OfOneConversationUnderConcurrentReceivesAndSends_ArriveInSequenceOrder()
    {
        var opened = await _inbox.ReceiveAsync();
        var id = opened.ConversationId;

        await Concurrently.RunAsync(200, async i => i % 2 == 0
            ? (await _inbox.ReceiveAsync()).MessageId
            : (await _inbox.SendAsync(id, $"reply {i}")).Id);
        await _inbox.CloseAsync(id);

        var events = _seen.Where(e => e.ConversationId == id).ToArray();
        events.Should().HaveCount(1 + 201 + 1);
        events[0].Should().BeOfType<ConversationOpened>();
        events[^1].Should().BeOfType<ConversationClosed>();
        var sequences = events[1..^1].Select(SequenceOf).ToArray();
        sequences.Should().Equal(Enumerable.Range(1, 201).Select(s => (long)s), "events arrive in the order the messages were stored");
    }

    [Fact]
    public async Task Events_OfManyContactsConcurrently_AreInOrderPerConversation()
    {
        const int contacts = 20;
        await Concurrently.RunAsync(contacts * 25, i => _inbox.ReceiveAsync($"contact-{i % contacts}").AsTask());

        var byConversation = _seen.GroupBy(e => e.ConversationId).ToArray();
        byConversation.Should().HaveCount(contacts);
        byConversation.Should().AllSatisfy(group =>
        {
            group.First().Should().BeOfType<ConversationOpened>();
            group.Skip(1).Select(SequenceOf).Should().Equal(Enumerable.Range(1, 25).Select(s => (long)s));
        });
    }

    public void Dispose() => _inbox.Dispose();

    private static long SequenceOf(ConversationEvent e) => e switch
    {
        MessageReceived r => r.Message.Sequence,
        MessageSent s => s.Message.Sequence,
        _ => throw new InvalidOperationException($"{e.GetType().Name} carries no message"),
    };
}
