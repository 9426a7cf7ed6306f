namespace InboundConversations.WebhookHost.Agents;

/// <summary>The agents registered at start-up, from the <c>Inbox</c> configuration section.</summary>
public sealed class AgentsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Inbox";

    /// <summary>The agents; at least one.</summary>
    public IList<AgentSettings> Agents { get; } = [];
}

/// <summary>One agent as configured: the library checks the id and the capacity when it registers the agent.</summary>
public sealed class AgentSettings
{
    /// <summary>The agent's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The agent's teams: each one a team the workflow routes to.</summary>
    public IList<string> Teams { get; } = [];

    /// <summary>The most open conversations the agent holds at once.</summary>
    public int Capacity { get; set; } = 1;
}
