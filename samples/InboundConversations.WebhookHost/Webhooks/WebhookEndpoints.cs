using Microsoft.AspNetCore.Http.HttpResults;

namespace InboundConversations.WebhookHost.Webhooks;

/// <summary>The providers' side: one endpoint per channel name, answering 200 for a first delivery and a redelivery alike.</summary>
internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/{channel}", ReceiveAsync);
        return routes;
    }

    /// <remarks>
    /// When the message opens a conversation, the library runs the inbound workflow (enrich, route, assign or queue)
    /// before <c>ReceiveAsync</c> returns: the answer is sent once the conversation is assigned or queued.
    /// </remarks>
    private static async Task<Results<Ok<WebhookReceipt>, ValidationProblem>> ReceiveAsync(
        string channel, WebhookPayload payload, IConversationEngine engine, CancellationToken cancellationToken)
    {
        if (WebhookMapping.ToInboundMessage(channel, payload) is not { } message)
        {
            return TypedResults.ValidationProblem(WebhookMapping.MissingFields(payload));
        }

        var result = await engine.ReceiveAsync(message, cancellationToken);
        return TypedResults.Ok(WebhookMapping.ToReceipt(result));
    }
}
