namespace InboundConversations.Internal.Domain;

/// <summary>What can happen to a conversation; the lifecycle decides which triggers each state allows.</summary>
public enum ConversationTrigger
{
    /// <summary>The contact wrote in the conversation (allowed in every open state; changes no state).</summary>
    ContactMessage = 1,

    /// <summary>An agent, the API or a workflow wrote in the conversation (allowed in every open state; changes no state).</summary>
    AgentMessage,

    /// <summary>The inbound workflow starts (Unassigned → Triaging).</summary>
    StartWorkflow,

    /// <summary>The workflow named the responsible team (stays Triaging).</summary>
    Route,

    /// <summary>The conversation waits in a team's queue (→ Queued).</summary>
    Enqueue,

    /// <summary>An agent takes the conversation (→ Assigned).</summary>
    Assign,

    /// <summary>The conversation loses its agent or team (→ Unassigned).</summary>
    Unassign,

    /// <summary>The conversation is resolved (→ Closed, terminal).</summary>
    Close,
}
