namespace InboundConversations;

/// <summary>No agent with this id is registered in this workspace. Nothing was stored.</summary>
public sealed class AgentNotFoundException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="workspace">The workspace that was searched.</param>
    /// <param name="agent">The agent that was not found.</param>
    public AgentNotFoundException(WorkspaceId workspace, AgentId agent)
        : base($"No agent '{agent}' is registered in workspace '{workspace}'.")
    {
        Workspace = workspace;
        Agent = agent;
    }

    /// <summary>The workspace that was searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The agent that was not found.</summary>
    public AgentId Agent { get; }
}
