using InboundConversations.Hosting;
using InboundConversations.WebhookHost.Agents;
using InboundConversations.Workflow;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Inbox;

/// <summary>
/// The library's wiring: its options from configuration, the storage (in memory, or PostgreSQL when the connection
/// string <c>Inbox</c> is set, so several instances share one inbox), the inbound workflow, the background processing
/// (due timers, interrupted runs), the agents.
/// </summary>
internal static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InboundConversationsOptions>(configuration.GetSection("InboundConversations"));
        services.Configure<InboundWorkflowOptions>(configuration.GetSection("InboundConversations:Workflow"));
        services.Configure<BackgroundProcessingOptions>(configuration.GetSection("InboundConversations:BackgroundProcessing"));
        // The background processing runs a pass at start-up (runs an earlier process left unfinished resume) and then
        // every Interval: due timers fire, and a run a store failure interrupted resumes once its lease lapses.
        var inbox = services.AddInboundConversations()
            .AddInboundWorkflow(InboxWorkflow.Configure)
            .AddBackgroundProcessing();
        if (configuration.GetConnectionString("Inbox") is { Length: > 0 } connectionString)
        {
            inbox.UsePostgreSql(connectionString, options => configuration.GetSection("Inbox:PostgreSql").Bind(options));
        }

        services.AddOptions<AgentsOptions>()
            .Bind(configuration.GetSection(AgentsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentsOptions>, AgentsOptionsValidator>();

        // Hosted services start before the server takes requests: the agents are registered first.
        services.AddHostedService<InboxStartup>();
        return services;
    }
}
