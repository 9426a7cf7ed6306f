using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Documentation;

/// <summary>The README's "Writing your own steps" classes, compiled and run as a host would wire them.</summary>
public sealed class ReadmeExamplesTests
{
    public interface ICrmClient
    {
        ValueTask<string> GetTierAsync(string contactId, CancellationToken cancellationToken);
    }

    public sealed class FakeCrm : ICrmClient
    {
        public ValueTask<string> GetTierAsync(string contactId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(contactId.StartsWith("gold", StringComparison.Ordinal) ? "gold" : "silver");
    }

    public sealed class CrmTierEnricher(ICrmClient crm) : IConversationEnricher
    {
        public string Name => "crm-tier";

        public async ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
        {
            var tier = await crm.GetTierAsync(context.Conversation.Contact.Value, cancellationToken);
            context.AddFact("tier", tier);
            context.SetContactField("tier", tier);
            if (tier == "gold")
            {
                context.AddContactTag("vip");
            }
        }
    }

    public sealed class TierRouter : IConversationRouter
    {
        public string Name => "tier-router";

        public ValueTask<TeamId?> RouteAsync(RoutingContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<TeamId?>(context.Facts.TryGetValue("tier", out var tier) && tier == "gold" ? new TeamId("priority") : null);
    }

    public sealed class SkillAssigner : IAgentAssigner
    {
        public string Name => "skill";

        public async ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken)
        {
            var agent = await context.ReserveAsync(AgentSelection.LeastOpen, cancellationToken);
            return AssignmentDecision.From(agent);
        }
    }

    [Fact]
    public async Task CustomSteps_FromTheReadme_EnrichRouteAndAssign()
    {
        using var inbox = new TestInbox(
            services: s => s.AddSingleton<ICrmClient, FakeCrm>(),
            build: b => b.AddInboundWorkflow(w => w
                .Enrich<CrmTierEnricher>()
                .RouteBy<TierRouter>()
                .DefaultTeam("support")
                .AssignBy<SkillAssigner>()));
        await inbox.AddAgentAsync("vera", teams: "priority");
        await inbox.AddAgentAsync("sam");

        var gold = await inbox.ReceiveAsync("gold-customer");
        var silver = await inbox.ReceiveAsync("silver-customer");

        (await inbox.ConversationOfAsync(gold)).Assignee.Should().Be(new AgentId("vera"));
        (await inbox.ConversationOfAsync(silver)).Assignee.Should().Be(new AgentId("sam"));
        var contacts = inbox.Services.GetRequiredService<IContactStore>();
        var profile = await contacts.GetAsync(default, new ContactId("gold-customer"), CancellationToken.None);
        profile.Fields.Should().Contain("tier", "gold");
        profile.Tags.Should().Contain("vip");
        (await inbox.RunOfAsync(gold.ConversationId)).Steps.Select(s => s.Name).Should().Equal("crm-tier", "tier-router", "skill");
    }

    [Theory]
    [InlineData("anyone", "whatsapp", "Mi FACTURACION está mal", "billing")]
    [InlineData("vip-customer", "whatsapp", "Hello", "priority")]
    [InlineData("anyone", "email", "Hello", "email-desk")]
    [InlineData("anyone", "whatsapp", "Hello", "support")]
    public async Task ShippedEnrichmentAndRouting_FromTheReadme_RouteAsDescribed(string contact, string channel, string text, string team)
    {
        using var inbox = new TestInbox(build: b => b.AddInboundWorkflow(w => w
            .EnrichWithKeywordIntents(intents => intents
                .Add("billing", "invoice", "refund", "factura", "facturación")
                .Add("sales", "price", "quote", "precio"))
            .RouteByRules(rules => rules
                .When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo("billing")
                .When(Match.ContactTag("vip").Or(Match.ContactField("tier").IsAnyOf("gold", "platinum"))).RouteTo("priority")
                .When(Match.Channel.Is("email")).RouteTo("email-desk")
                .Otherwise("support"))));
        var contacts = inbox.Services.GetRequiredService<IContactStore>();
        await contacts.UpdateAsync(new ContactUpdate { Workspace = default, Contact = new ContactId("vip-customer"), AddTags = ["vip"] }, CancellationToken.None);

        var received = await inbox.Engine.ReceiveAsync(inbox.Message(contact, content: text, channel: channel));

        (await inbox.ConversationOfAsync(received)).Team.Should().Be(new TeamId(team));
    }

    /// <summary>docs/package-readme.md's snippet (the package page), wired as written.</summary>
    [Fact]
    public async Task PackageReadmeWorkflow_RoutesASpanishInvoiceToBillingAndAssignsIt()
    {
        using var inbox = new TestInbox(build: b => b.AddInboundWorkflow(workflow => workflow
            .EnrichWithKeywordIntents(intents => intents
                .Add("billing", "invoice", "refund", "factura")
                .Add("sales", "price", "precio"))
            .RouteByRules(rules => rules
                .When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo("billing")
                .Otherwise("support"))
            .AssignBy(AgentAssigners.LeastOpen())));
        await inbox.AddAgentAsync("carla", teams: "billing");

        var received = await inbox.ReceiveAsync(content: "Mi FACTURA está mal");

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Team.Should().Be(new TeamId("billing"));
        conversation.Assignee.Should().Be(new AgentId("carla"));
    }
}
