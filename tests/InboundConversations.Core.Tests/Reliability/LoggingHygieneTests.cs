using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
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
    public async Task FullCyclesWithTheWorkflow_LogNoContentNotesOrContactIds()
    {
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w => w
                    .EnrichWithKeywordIntents(intents => intents.Add("billing", "invoice"))
                    .Enrich(new StubEnricher("crm", (c, _) => throw new InvalidOperationException($"CRM rejected '{c.FirstMessage?.Content}' from {c.Conversation.Contact}")))
                    .RouteByRules(rules => rules.When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo("billing"))
                    .DefaultTeam("support"))
                .OnEvent<MessageReceived>((received, _) => throw new InvalidOperationException($"push failed for '{received.Message.Content}' of {received.Message.Contact}")),
            services: FakeLogging.Add);
        await inbox.AddAgentAsync("bill", capacity: 1, teams: "billing");
        await inbox.AddAgentAsync("sam", capacity: 2, presence: AgentPresence.Away);

        var phone = await inbox.ReceiveAsync(Phone, "wamid-1", FirstContent);
        var email = await inbox.ReceiveAsync(Email, content: SecondContent);
        await inbox.ReceiveAsync(Phone, "wamid-1", FirstContent);
        await inbox.ReceiveAsync(Phone, content: FollowUp);
        await inbox.SendAsync(phone.ConversationId, Reply, agent: "bill");
        await inbox.Roster.SetPresenceAsync(new AgentId("sam"), AgentPresence.Online);
        await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = phone.ConversationId, ToAgent = new AgentId("sam"), ToTeam = new TeamId("support"), TransferredBy = Supervisor });
        await CloseAsync(inbox, phone.ConversationId);
        await CloseAsync(inbox, email.ConversationId);
        var next = await inbox.ReceiveAsync(Phone, content: FollowUp);

        var crm = (await inbox.RunOfAsync(phone.ConversationId)).Steps.Should().ContainSingle(
            s => s.Name == "crm" && s.Status == WorkflowStepStatus.Failed, "the enricher that quotes the content did throw").Which;
        foreach (var secret in Secrets)
        {
            crm.Error.Should().NotContain(secret, "the stored run record keeps the exception's type, not its message");
        }

        (await inbox.Engine.GetConversationAsync(email.ConversationId)).Closure!.ClosedBy.Should().Be(Supervisor);
        var logs = inbox.Logs();
        logs.Select(r => r.Id.Id).Should().Contain([1, 2, 3, 4, 5, 7, 8, 9, 11, 12], "every kind of record a cycle produces is checked");
        logs.Should().Contain(r => r.Message.Contains(email.ConversationId.ToString()) && r.Id.Id == 12, "the queuing was logged, by id");
        logs.Should().Contain(r => r.Message.Contains(next.ConversationId.ToString()), "the next cycle was logged too");
        ShouldLogNoSecret(logs);
    }

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
