namespace InboundConversations;

/// <summary>Which way a message travelled.</summary>
public enum MessageDirection
{
    /// <summary>From the contact to the business.</summary>
    Inbound = 1,

    /// <summary>From the business (an agent, the API or a workflow) to the contact.</summary>
    Outbound,
}
