using InboundConversations.WebhookHost.Agents;
using InboundConversations.Workflow;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Inbox;

/// <summary>
/// The library's wiring: its options from configuration, the storage (in memory, or PostgreSQL when the connection
/// string <c>Inbox</c> is set, so several instances share one inbox), the inbound workflow, the agents, start-up work.
/// </summary>
internal static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InboundConversationsOptions>(configuration.GetSection("InboundConversations"));
        services.Configure<InboundWorkflowOptions>(configuration.GetSection("InboundConversations:Workflow"));
        var inbox = services.AddInboundConversations().AddInboundWorkflow(InboxWorkflow.Configure);
        if (configuration.GetConnectionString("Inbox") is { Length: > 0 } connectionString)
        {
            inbox.UsePostgreSql(connectionString, options => configuration.GetSection("Inbox:PostgreSql").Bind(options));
        }

        services.AddOptions<AgentsOptions>()
            .Bind(configuration.GetSection(AgentsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentsOptions>, AgentsOptionsValidator>();

        // Hosted services start before the server takes requests: agents are registered and unfinished runs resumed first.
        services.AddHostedService<InboxStartup>();
        services.AddHostedService<PeriodicResume>();
        return services;
    }
}
