using InboundConversations.WebhookHost.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboundConversations.WebhookHost.Agents;

/// <summary>Agents: read one, and set their presence (an agent coming online takes work from their teams' queues).</summary>
internal static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        var agents = routes.MapGroup("/agents/{agentId}");
        agents.MapGet("", GetAsync);
        agents.MapPut("/presence", SetPresenceAsync);
        return routes;
    }

    private static async Task<Ok<AgentView>> GetAsync(string agentId, IAgentRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(AgentView.From(await roster.GetAgentAsync(new AgentId(agentId), cancellationToken: cancellationToken)));

    private static async Task<Results<Ok<AgentView>, ValidationProblem>> SetPresenceAsync(
        string agentId, PresenceChange change, IAgentRoster roster, CancellationToken cancellationToken)
    {
        if (change.Presence is not { } presence)
        {
            return TypedResults.ValidationProblem(RequiredFields.Missing(("presence", change.Presence)));
        }

        // The answer is read after the queue drain the change starts: it counts what the agent just took.
        var stored = await roster.SetPresenceAsync(new AgentId(agentId), presence, cancellationToken: cancellationToken);
        return TypedResults.Ok(AgentView.From(stored));
    }
}
