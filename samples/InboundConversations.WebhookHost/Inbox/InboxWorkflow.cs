using System.Collections.Frozen;
using InboundConversations.Workflow;

namespace InboundConversations.WebhookHost.Inbox;

/// <summary>
/// The inbound workflow: keywords (English and Spanish) give the intent, rules route by it, the least loaded
/// available agent of the team gets the conversation, or it waits in the team's queue.
/// </summary>
internal static class InboxWorkflow
{
    public const string Sales = "sales";
    public const string Billing = "billing";
    public const string Support = "support";

    /// <summary>Every team the workflow can route to: the only teams agents may join and queues may be read for.</summary>
    public static FrozenSet<string> Teams { get; } = FrozenSet.Create(StringComparer.Ordinal, Sales, Billing, Support);

    public static void Configure(InboundWorkflowBuilder workflow) => workflow
        .EnrichWithKeywordIntents(intents => intents
            .Add(Sales, "price", "precio", "quote", "presupuesto", "plan")
            .Add(Billing, "invoice", "factura", "refund", "reembolso", "charged"))
        .RouteByRules(rules => rules
            .When(Match.Fact(WorkflowFacts.Intent).Is(Sales)).RouteTo(Sales)
            .When(Match.Fact(WorkflowFacts.Intent).Is(Billing)).RouteTo(Billing)
            .Otherwise(Support))
        .DefaultTeam(Support)
        .AssignBy(AgentAssigners.LeastOpen());
}
