namespace InboundConversations;

/// <summary>Whether an agent can take conversations now.</summary>
public enum AgentPresence
{
    /// <summary>Not working: never assigned automatically. The <c>default</c>.</summary>
    Offline = 0,

    /// <summary>Working and accepting conversations, up to their capacity.</summary>
    Online,

    /// <summary>Working but not accepting new conversations for now.</summary>
    Away,
}
