namespace InboundConversations;

/// <summary>Where a conversation's inbound workflow run is.</summary>
public enum WorkflowRunStatus
{
    /// <summary>Stored with the opening, not started yet (or interrupted before it started).</summary>
    Pending = 1,

    /// <summary>Started: enriching, routing or assigning. A run found here after a restart was interrupted and is resumed.</summary>
    Running,

    /// <summary>Routed, no agent was available: waiting in the team's queue. It completes when the queue assigns one.</summary>
    Queued,

    /// <summary>Ended: an agent was assigned, or the assigner left the conversation unassigned, or it closed first.</summary>
    Completed,

    /// <summary>The workflow's conditions did not hold for this conversation: nothing ran.</summary>
    NotApplicable,
}
