namespace InboundConversations.Workflow;

/// <summary>Names the team responsible for a conversation, from what enrichment learned.</summary>
/// <remarks>
/// Routing always happens before assignment. A router that throws, times out or returns <see langword="null"/>
/// sends the conversation to the workflow's default team (or leaves it Unassigned when there is none).
/// </remarks>
public interface IConversationRouter
{
    /// <summary>The step's name in the run record and logs.</summary>
    string Name { get; }

    /// <summary>Picks the team.</summary>
    /// <param name="context">The conversation, its first message, the contact and the facts.</param>
    /// <param name="cancellationToken">Cancelled when the step's timeout passes.</param>
    /// <returns>The team, or <see langword="null"/> when no rule matches.</returns>
    ValueTask<TeamId?> RouteAsync(RoutingContext context, CancellationToken cancellationToken);
}
