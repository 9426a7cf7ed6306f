namespace InboundConversations.WebhookHost.Agents;

/// <summary>An agent as the API shows it.</summary>
public sealed record AgentView(string Id, IReadOnlyList<string> Teams, AgentPresence Presence, int Capacity, int OpenConversations)
{
    public static AgentView From(Agent agent) =>
        new(agent.Id.Value, [.. agent.Teams.Select(team => team.Value)], agent.Presence, agent.Capacity, agent.OpenConversations);
}
