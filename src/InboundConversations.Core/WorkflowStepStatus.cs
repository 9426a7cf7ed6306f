namespace InboundConversations;

/// <summary>How one workflow step ended.</summary>
public enum WorkflowStepStatus
{
    /// <summary>It did its work.</summary>
    Succeeded = 1,

    /// <summary>It threw; the run went on without it (an enricher), or fell back (the default team, the queue).</summary>
    Failed,

    /// <summary>It passed its time limit; treated as failed.</summary>
    TimedOut,

    /// <summary>It found nothing: no routing rule matched, or no agent was available.</summary>
    NoMatch,
}
