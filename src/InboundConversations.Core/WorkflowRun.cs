using InboundConversations.Internal.Domain;

namespace InboundConversations;

/// <summary>
/// The stored record of a conversation's inbound workflow run: stored pending in the same atomic write as the
/// opening, then updated as each step ends, so that a run interrupted by a crash resumes where it stopped.
/// </summary>
public sealed record WorkflowRun
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The conversation the run is for (one run per conversation).</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>Pending, running, queued, completed or not applicable.</summary>
    public required WorkflowRunStatus Status { get; init; }

    /// <summary>When the run was stored (with the opening).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The facts enrichment learned (intent, language, tier…); ordinal keys.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = CompactFacts.Empty;

    /// <summary>The team the run routed to, once routed.</summary>
    public TeamId? Team { get; init; }

    /// <summary>The agent assigned, once assigned.</summary>
    public AgentId? Agent { get; init; }

    /// <summary>Each step's outcome, in the order they ran.</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];

    /// <summary>How many times the run was started: more than one means it was resumed after an interruption.</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// While running: when the claim of the engine running it lapses. Every step renews it; a run found running
    /// with a lapsed claim was interrupted (its engine died) and may be resumed by another.
    /// </summary>
    public DateTimeOffset? ClaimExpiresAt { get; init; }

    /// <summary>When the run ended (completed, or found not applicable); <see langword="null"/> before.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The optimistic-concurrency version: 1 when stored, one more on every stored change.</summary>
    public required long Version { get; init; }

    /// <summary>A new pending run, as stored with its conversation's opening.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="createdAt">The opening time.</param>
    /// <returns>The run at version 1.</returns>
    public static WorkflowRun Pending(WorkspaceId workspace, ConversationId conversationId, DateTimeOffset createdAt) => new()
    {
        Workspace = workspace,
        ConversationId = conversationId,
        Status = WorkflowRunStatus.Pending,
        CreatedAt = createdAt,
        Version = 1,
    };

    /// <summary>
    /// True until the run ends: pending, running, or queued (waiting for an agent; the workflow ends at assignment).
    /// </summary>
    public bool IsUnfinished => Status is WorkflowRunStatus.Pending or WorkflowRunStatus.Running or WorkflowRunStatus.Queued;

    /// <summary>True if an engine may claim the run at <paramref name="now"/>: it is pending, or running under a lapsed claim.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>Whether the run may be claimed.</returns>
    public bool IsClaimable(DateTimeOffset now) =>
        Status == WorkflowRunStatus.Pending || (Status == WorkflowRunStatus.Running && (ClaimExpiresAt is null || ClaimExpiresAt <= now));
}
