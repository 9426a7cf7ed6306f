using InboundConversations.WebhookHost.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InboundConversations.WebhookHost.Conversations;

/// <summary>The agents' side of a conversation: read it with its messages, reply, close.</summary>
/// <remarks>
/// A malformed conversation id, an unknown conversation, an unknown agent and a closed conversation all surface as
/// the library's exceptions, which <see cref="ProblemMapping"/> turns into 400, 404, 404 and 409.
/// </remarks>
internal static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder routes)
    {
        var conversation = routes.MapGroup("/conversations/{conversationId}");
        conversation.MapGet("", GetAsync);
        conversation.MapPost("/replies", ReplyAsync);
        conversation.MapPost("/close", CloseAsync);
        return routes;
    }

    private static async Task<Ok<ConversationDetails>> GetAsync(
        string conversationId, IConversationEngine engine, CancellationToken cancellationToken)
    {
        var id = ConversationId.Parse(conversationId);
        var conversation = await engine.GetConversationAsync(id, cancellationToken: cancellationToken);
        var messages = await engine.GetMessagesAsync(id, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ConversationDetails(ConversationView.From(conversation), [.. messages.Select(MessageView.From)]));
    }

    private static async Task<Results<Created<MessageView>, ValidationProblem>> ReplyAsync(
        string conversationId, ReplyRequest reply, IConversationEngine engine, IAgentRoster roster, CancellationToken cancellationToken)
    {
        if (reply is not { AgentId: { } agentId, Text: { } text })
        {
            return TypedResults.ValidationProblem(RequiredFields.Missing(("agentId", reply.AgentId), ("text", reply.Text)));
        }

        var id = ConversationId.Parse(conversationId);
        var author = await RegisteredAgentAsync(agentId, roster, cancellationToken);
        var sent = await engine.SendAsync(new OutboundMessage { ConversationId = id, Author = author, Content = text }, cancellationToken);
        return TypedResults.Created($"/conversations/{id}", MessageView.From(sent));
    }

    private static async Task<Results<Ok<ConversationView>, ValidationProblem>> CloseAsync(
        string conversationId, CloseRequest close, IConversationEngine engine, IAgentRoster roster, CancellationToken cancellationToken)
    {
        if (close.AgentId is not { } agentId)
        {
            return TypedResults.ValidationProblem(RequiredFields.Missing(("agentId", close.AgentId)));
        }

        var id = ConversationId.Parse(conversationId);
        var closedBy = await RegisteredAgentAsync(agentId, roster, cancellationToken);
        var closed = await engine.CloseAsync(
            new CloseConversationRequest { ConversationId = id, ClosedBy = closedBy, Category = close.Category, Notes = close.Notes },
            cancellationToken);
        return TypedResults.Ok(ConversationView.From(closed));
    }

    /// <summary>
    /// The library records any agent id as an author; this host accepts only registered agents
    /// (an unknown one throws <see cref="AgentNotFoundException"/>).
    /// </summary>
    private static async Task<Actor> RegisteredAgentAsync(string agentId, IAgentRoster roster, CancellationToken cancellationToken)
    {
        var agent = await roster.GetAgentAsync(new AgentId(agentId), cancellationToken: cancellationToken);
        return Actor.Agent(agent.Id);
    }
}
