using InboundConversations.Tests.Support;
using Xunit.Abstractions;

namespace InboundConversations.Tests.Engine;

/// <summary>Invariant 8: a close racing an inbound message never loses the message.</summary>
public sealed class CloseReceiveRaceTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 200;

    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task CloseRacingReceive_MessageLandsBeforeTheCloseOrOpensTheNextConversation_NeverLost()
    {
        var landedBefore = 0;
        var openedNext = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var contact = $"racer-{i}";
            var old = (await _inbox.ReceiveAsync(contact)).ConversationId;
            var message = _inbox.Message(contact);

            ReceiveResult received = default;
            await Concurrently.RunAsync(2, async n =>
            {
                // Alternate which of the two is queued first, so both orders of the race actually happen.
                if (n == i % 2)
                {
                    await _inbox.CloseAsync(old);
                }
                else
                {
                    received = await _inbox.Engine.ReceiveAsync(message);
                }

                return n;
            });

            (await _inbox.Engine.GetConversationAsync(old)).State.Should().Be(ConversationState.Closed);
            var conversations = await _inbox.Engine.GetContactConversationsAsync(new ContactId(contact));
            var holding = new List<ConversationMessage>();
            foreach (var conversation in conversations)
            {
                holding.AddRange((await _inbox.Engine.GetMessagesAsync(conversation.Id)).Where(m => m.ExternalId == message.ExternalId));
            }

            holding.Should().ContainSingle($"the racing message of {contact} is stored exactly once").Which.Id.Should().Be(received.MessageId);
            if (received.ConversationId == old)
            {
                landedBefore++;
                received.OpenedConversation.Should().BeFalse();
                conversations.Should().ContainSingle();
                EventsOf(old).Should().ContainInOrder(
                    new[] { typeof(MessageReceived), typeof(ConversationClosed) },
                    "a message in the old conversation landed before its close");
            }
            else
            {
                openedNext++;
                received.OpenedConversation.Should().BeTrue();
                conversations.Select(c => c.Id).Should().Equal(old, received.ConversationId);
                conversations[1].IsOpen.Should().BeTrue();
                (await _inbox.Engine.GetMessagesAsync(old)).Should().ContainSingle("only the first message is in the closed one");
            }
        }

        output.WriteLine($"{landedBefore} messages landed before the close, {openedNext} opened the next conversation");
        (landedBefore + openedNext).Should().Be(Iterations);
    }

    public void Dispose() => _inbox.Dispose();

    /// <summary>The types of the last two events of one conversation, in delivery order.</summary>
    private IEnumerable<Type> EventsOf(ConversationId id) =>
        _inbox.Events.Where(e => e.ConversationId == id).Select(e => e.GetType()).TakeLast(2);
}
