using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Enrichment;
using InboundConversations.Workflow.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// Full cycles with the inbound workflow log ids, states and kinds, never message content, replies, closing notes or
/// contact ids (a phone number or an e-mail address) — not even inside a logged exception, whose message a host's
/// enricher, condition or handler may have built from the content.
/// </summary>
public sealed class LoggingHygieneTests
{
    private const string Phone = "+15557654321";
    private const string Email = "maria.secret@example.com";
    private const string FirstContent = "invoice for card 4111-1111-1111-1111 please";
    private const string SecondContent = "invoice again, my PIN is 8642-9753";
    private const string FollowUp = "also my passport number is X1234567";
    private const string Reply = "your one-time code is 553-901";
    private const string Category = "vip-7731";
    private const string Notes = "she mentioned a private medical condition";

    private static readonly string[] Secrets = [Phone, Email, FirstContent, SecondContent, FollowUp, Reply, Category, Notes, "4111-1111", "8642-9753", "X1234567"];
    private static readonly Actor Supervisor = Actor.Agent(new AgentId("supervisor"));

    [Fact]
    public async Task AnInterruptedRun_LogsTheExceptionTypeButNotItsMessage()
    {
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w => w
                .When(c => throw new InvalidOperationException($"condition choked on '{c.FirstMessage?.Content}' from {c.Conversation.Contact}"))
                .DefaultTeam("support")),
            services: FakeLogging.Add);

        var received = await inbox.ReceiveAsync(Email, content: SecondContent);

        var interrupted = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 10, "the run was interrupted").Which;
        interrupted.Message.Should().Contain(received.ConversationId.ToString()).And.Contain(nameof(InvalidOperationException));
        ShouldLogNoSecret(inbox.Logs());
    }

    private static ValueTask<Conversation> CloseAsync(TestInbox inbox, ConversationId id) =>
        inbox.Engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = Supervisor, Category = Category, Notes = Notes });

    private static void ShouldLogNoSecret(IReadOnlyList<FakeLogRecord> logs) =>
        logs.Should().AllSatisfy(record =>
        {
            var text = Text(record);
            foreach (var secret in Secrets)
            {
                text.Should().NotContain(secret, "record {0} ({1}) must not carry it", record.Id, record.Message);
            }
        });

    /// <summary>Everything a log sink could write out: message, category, structured values, scopes, and the exception with its inner ones.</summary>
    private static string Text(FakeLogRecord record) => string.Join(
        " | ",
        new[] { record.Message, record.Category, record.Exception?.ToString() }
            .Concat(record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])
            .Concat(record.Scopes.Select(s => s?.ToString())));
}
