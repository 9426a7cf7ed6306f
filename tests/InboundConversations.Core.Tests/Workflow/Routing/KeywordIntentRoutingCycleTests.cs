using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Workflow.Routing;

public sealed class KeywordIntentRoutingCycleTests
{
    private static TestInbox Inbox() => new(build: b => b.AddInboundWorkflow(w => w
        .EnrichWithKeywordIntents(intents => intents
            .Add("billing", "invoice", "refund", "factura")
            .Add("sales", "price", "precio", "quote"))
        .RouteByRules(rules => rules
            .When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo("billing")
            .When(Match.Fact(WorkflowFacts.Intent).Is("sales")).RouteTo("sales"))
        .DefaultTeam("support")));

    [Fact]
    public async Task SpanishBillingMessage_IsRoutedToBilling_AndTheRunRecordsTheIntent()
    {
        using var inbox = Inbox();

        var received = await inbox.ReceiveAsync(content: "Necesito mi FACTÚRA, por favor");

        var conversation = await inbox.Engine.GetConversationAsync(received.ConversationId);
        conversation.Team.Should().Be(new TeamId("billing"));
        var run = await inbox.Engine.FindWorkflowRunAsync(received.ConversationId);
        run!.Facts.Should().Equal(new Dictionary<string, string> { [WorkflowFacts.Intent] = "billing" });
        run.Team.Should().Be(new TeamId("billing"));
        run.Steps.Select(s => (s.Kind, s.Name, s.Status)).Should().StartWith(
        [
            (WorkflowStepKind.Enrich, "keyword-intent", WorkflowStepStatus.Succeeded),
            (WorkflowStepKind.Route, "rules", WorkflowStepStatus.Succeeded),
        ]);
        inbox.Events.OfType<ConversationRouted>().Should().ContainSingle();
    }

    [Fact]
    public async Task MessageMatchingNothing_LandsInTheDefaultTeam_WithTheRouteStepRecordedAsNoMatch()
    {
        using var inbox = Inbox();

        var received = await inbox.ReceiveAsync(content: "Hola, ¿qué tal?");

        (await inbox.Engine.GetConversationAsync(received.ConversationId)).Team.Should().Be(new TeamId("support"));
        var run = await inbox.Engine.FindWorkflowRunAsync(received.ConversationId);
        run!.Facts.Should().BeEmpty();
        run.Team.Should().Be(new TeamId("support"));
        run.Steps.Should().ContainSingle(s => s.Kind == WorkflowStepKind.Route)
            .Which.Should().Match<WorkflowStep>(s => s.Name == "rules" && s.Status == WorkflowStepStatus.NoMatch);
    }
}
