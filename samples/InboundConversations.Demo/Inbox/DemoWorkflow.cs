using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Demo.Inbox;

/// <summary>
/// The demo inbox's inbound workflow: learn the intent from keywords in English and Spanish (case and accents
/// ignored), learn the language, route by intent, and give the conversation to the agent who handled the contact
/// last time if they are free, otherwise to the least loaded agent of the team. A conversation that waits in
/// billing's queue (one agent, who starts late) for <see cref="BillingOverflowAfter"/> overflows to support, where
/// it is assigned or queues again without a timeout of its own.
/// </summary>
internal static class DemoWorkflow
{
    /// <summary>How long a conversation waits in billing's queue before it overflows to support.</summary>
    public static readonly TimeSpan BillingOverflowAfter = TimeSpan.FromMinutes(15);

    public static void Configure(InboundWorkflowBuilder workflow) => workflow
        .EnrichWithKeywordIntents(intents => intents
            .Add(Teams.Sales, "price", "quote", "discount", "annual plan", "precio", "cotización", "descuento", "plan anual")
            .Add(Teams.Billing, "invoice", "refund", "charged", "factura", "facturación", "reembolso", "cobraron")
            .Add(Teams.Support, "crash", "crashes", "error", "log in", "password", "no funciona", "iniciar sesión", "contraseña"))
        .Enrich(new LanguageEnricher())
        .RouteByRules(rules => rules
            .When(Match.Fact(WorkflowFacts.Intent).Is(Teams.Sales)).RouteTo(Teams.Sales)
            .When(Match.Fact(WorkflowFacts.Intent).Is(Teams.Billing)).RouteTo(Teams.Billing)
            .Otherwise(Teams.Support))
        .AssignBy(AgentAssigners.Sticky(AgentAssigners.LeastOpen()))
        .QueueTimeout(Teams.Billing, BillingOverflowAfter, QueueTimeoutFallback.TransferTo(Teams.Support));
}
