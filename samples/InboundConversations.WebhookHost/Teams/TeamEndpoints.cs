using InboundConversations.WebhookHost.Conversations;
using InboundConversations.WebhookHost.Inbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboundConversations.WebhookHost.Teams;

/// <summary>Teams: read a team's queue.</summary>
internal static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/teams/{teamId}/queue", GetQueueAsync);
        return routes;
    }

    /// <remarks>
    /// The library knows teams only through their agents and answers an empty queue for any team id; this host knows
    /// its teams (those the workflow routes to) and answers 404 for the others.
    /// </remarks>
    private static async Task<Results<Ok<TeamQueueView>, ProblemHttpResult>> GetQueueAsync(
        string teamId, IAgentRoster roster, CancellationToken cancellationToken)
    {
        if (!InboxWorkflow.Teams.Contains(teamId))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found.",
                detail: $"No team '{teamId}': the teams are {string.Join(", ", InboxWorkflow.Teams)}.",
                extensions: new Dictionary<string, object?> { ["error"] = "TeamNotFound" });
        }

        var queued = await roster.GetTeamQueueAsync(new TeamId(teamId), cancellationToken: cancellationToken);
        return TypedResults.Ok(new TeamQueueView(teamId, [.. queued.Select(ConversationView.From)]));
    }
}
