using InboundConversations.Workflow;
using InboundConversations.Workflow.Assignment;
using InboundConversations.Workflow.Enrichment;
using InboundConversations.Workflow.Routing;

namespace InboundConversations.Demo;

/// <summary>The demo inbox's workflow: learn the intent from keywords (English and Spanish), route by it, assign the least loaded agent.</summary>
internal static class DemoWorkflow
{
    public static void Configure(InboundWorkflowBuilder workflow) => workflow
        .EnrichWithKeywordIntents(intents => intents
            .Add("sales", "price", "precio", "quote", "plan", "contratar")
            .Add("billing", "invoice", "factura", "facturación", "charged", "refund", "reembolso")
            .Add("support", "crash", "crashes", "error", "login", "log in", "no funciona"))
        .RouteByRules(rules => rules
            .When(Match.Fact(WorkflowFacts.Intent).Is("sales")).RouteTo("sales")
            .When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo("billing")
            .Otherwise("support"))
        .AssignBy(AgentAssigners.LeastOpen())
        .StepTimeout(TimeSpan.FromSeconds(2));
}
