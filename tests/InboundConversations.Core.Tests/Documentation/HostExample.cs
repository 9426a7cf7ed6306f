using InboundConversations;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

// A host's own namespace, outside the library's: these two library usings are all the wiring and the custom steps need.
// The build's IDE0005 check fails if one is not needed, and the compiler if one is missing. The README's wiring block
// has the same usings (ReadmeUsingsTests).
#pragma warning disable IDE0130 // Deliberately outside the library's namespaces, as a host is.
namespace HostExample;
#pragma warning restore IDE0130

/// <summary>A custom enricher, router and assigner, and the README's wiring, as a host outside the library writes them.</summary>
public static class HostWiring
{
    /// <summary>Registers the inbox the way the README's "Wiring it into a host" does, with the three custom steps.</summary>
    public static IServiceCollection AddHostInbox(this IServiceCollection services, List<AgentId> notified)
    {
        services.AddInboundConversations(options => options.MaxContentLength = 4_096)
            .AddInboundWorkflow(workflow => workflow
                .Enrich<LanguageEnricher>()
                .RouteBy<LanguageRouter>()
                .DefaultTeam("support")
                .AssignBy<FirstAvailableAssigner>())
            .OnEvent<ConversationAssigned>((assigned, _) =>
            {
                notified.Add(assigned.Assignee);
                return ValueTask.CompletedTask;
            });
        return services;
    }

    /// <summary>Learns the contact's language from the first message.</summary>
    public sealed class LanguageEnricher : IConversationEnricher
    {
        public string Name => "language";

        public ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
        {
            context.AddFact("language", context.FirstMessage?.Content.StartsWith("Hola", StringComparison.Ordinal) == true ? "es" : "en");
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Spanish speakers go to the Spanish desk; the rest to the default team.</summary>
    public sealed class LanguageRouter : IConversationRouter
    {
        public string Name => "by-language";

        public ValueTask<TeamId?> RouteAsync(RoutingContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<TeamId?>(context.Facts.TryGetValue("language", out var language) && language == "es" ? new TeamId("es-desk") : null);
    }

    /// <summary>The first available agent of the team, in id order.</summary>
    public sealed class FirstAvailableAssigner : IAgentAssigner
    {
        public string Name => "first-available";

        public async ValueTask<AssignmentDecision> AssignAsync(AssignmentContext context, CancellationToken cancellationToken) =>
            AssignmentDecision.From(await context.ReserveAsync(AgentSelection.LeastOpen, cancellationToken));
    }
}
