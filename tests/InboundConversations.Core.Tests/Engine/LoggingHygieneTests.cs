using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace InboundConversations.Tests.Engine;

/// <summary>Logs carry ids and states, never message content, notes or contact ids (often a phone number or address).</summary>
public sealed class LoggingHygieneTests : IDisposable
{
    private const string Phone = "+15551234567";
    private const string Content = "my card number is 4111-1111-1111-1111";
    private const string Reply = "your secret reset code is 934-221";
    private const string Notes = "customer mentioned a private medical condition";

    private readonly TestInbox _inbox = new(
        build: b => b.AddEventHandler<ThrowingEventHandler>(),
        services: FakeLogging.Add);

    [Fact]
    public async Task FullCycle_LogsNeitherContentNorNotesNorContactId()
    {
        var opened = await _inbox.ReceiveAsync(Phone, content: Content);
        var message = _inbox.Message(Phone, content: Content + " again");
        await _inbox.Engine.ReceiveAsync(message);
        await _inbox.Engine.ReceiveAsync(message);
        await _inbox.SendAsync(opened.ConversationId, Reply);
        await _inbox.Engine.CloseAsync(new CloseConversationRequest
        {
            ConversationId = opened.ConversationId,
            ClosedBy = Actor.Agent(new AgentId("agent-1")),
            Category = "billing",
            Notes = Notes,
        });
        await _inbox.ReceiveAsync(Phone, content: Content);

        var logs = _inbox.Logs();
        logs.Should().Contain(r => r.Message.Contains(opened.ConversationId.ToString()), "the cycle was logged, by id");
        logs.Select(r => r.Id.Id).Should().Contain([1, 2, 3, 4, 5, 7], "every kind of record the cycle produces is checked");
        logs.Should().AllSatisfy(record => Text(record).Should().NotContain(Phone)
            .And.NotContain(Content)
            .And.NotContain(Reply)
            .And.NotContain(Notes));
    }

    public void Dispose() => _inbox.Dispose();

    /// <summary>Everything a log sink could write out: the message, every structured value, and the scopes.</summary>
    private static string Text(FakeLogRecord record) => string.Join(
        " | ",
        new[] { record.Message, record.Category }
            .Concat(record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])
            .Concat(record.Scopes.Select(s => s?.ToString())));
}
