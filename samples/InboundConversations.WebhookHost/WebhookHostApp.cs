using System.Text.Json;
using System.Text.Json.Serialization;
using InboundConversations.WebhookHost.Agents;
using InboundConversations.WebhookHost.Conversations;
using InboundConversations.WebhookHost.Inbox;
using InboundConversations.WebhookHost.Problems;
using InboundConversations.WebhookHost.Teams;
using InboundConversations.WebhookHost.Webhooks;

namespace InboundConversations.WebhookHost;

/// <summary>Builds the webhook host: the inbox services, the one error mapping, and the endpoints grouped by concern.</summary>
public static class WebhookHostApp
{
    /// <summary>Builds the application without starting it.</summary>
    /// <param name="args">Command-line arguments, which are also configuration: <c>--urls http://127.0.0.1:0</c>, <c>--Inbox:Agents:0:Id=ana</c>…</param>
    /// <param name="configure">
    /// Runs before the sample registers anything, so a service registered here (a <see cref="TimeProvider"/>, a store)
    /// wins over the library's defaults, which are all registered with <c>TryAdd</c>.
    /// </param>
    /// <returns>The application, ready for <c>RunAsync</c> or <c>StartAsync</c>.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.Services.AddInbox(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<InboxExceptionHandler>();
        // Unreadable bodies (malformed JSON, a wrong content type) throw, so the exception handler answers them too.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapWebhookEndpoints();
        app.MapAgentEndpoints();
        app.MapConversationEndpoints();
        app.MapTeamEndpoints();
        return app;
    }
}
