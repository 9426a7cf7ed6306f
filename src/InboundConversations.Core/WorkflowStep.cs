namespace InboundConversations;

/// <summary>The recorded outcome of one step of a workflow run.</summary>
/// <param name="Kind">Enrich, route or assign.</param>
/// <param name="Name">The step's name (the enricher's, router's or assigner's).</param>
/// <param name="Status">How it ended.</param>
/// <param name="StartedAt">When it started, by the library's <see cref="TimeProvider"/>.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Error">
/// Why it failed or timed out, <see langword="null"/> otherwise: the full name of the exception's type (never its message,
/// which may quote the content or the contact), the time limit it passed, or the agent an assigner named without
/// reserving them.
/// </param>
public sealed record WorkflowStep(
    WorkflowStepKind Kind, string Name, WorkflowStepStatus Status, DateTimeOffset StartedAt, TimeSpan Duration, string? Error);
