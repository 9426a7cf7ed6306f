using System.ComponentModel.DataAnnotations;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Workflow;

/// <summary>
/// The inbound workflow's numbers and switches: the step timeout, the run lease, and which openings start a run.
/// Bind them from configuration, <c>services.Configure&lt;InboundWorkflowOptions&gt;(configuration.GetSection("InboundConversations:Workflow"))</c>,
/// or set them in code, <c>services.Configure&lt;InboundWorkflowOptions&gt;(options => …)</c>. What the workflow
/// does (conditions, enrichers, router, default team, assigner) is given to <c>AddInboundWorkflow(workflow => …)</c>.
/// </summary>
/// <remarks>
/// Validated when the host starts (or when the engine is first resolved): a value out of range stops it with an
/// <c>OptionsValidationException</c> naming the option. <see cref="StepTimeout"/> also limits the assignment steps
/// that drain a team's queue, so it applies with or without a workflow.
/// </remarks>
public sealed class InboundWorkflowOptions : IValidatableObject
{
    private static readonly IReadOnlySet<ConversationSource> DefaultSources = new HashSet<ConversationSource> { ConversationSource.Contact };

    /// <summary>
    /// The most time each enrichment, routing or assignment step may take, measured on the library's
    /// <see cref="TimeProvider"/>; a step that takes longer is recorded as timed out. Default 5 seconds
    /// (<c>"00:00:05"</c>); above zero, at most 5 minutes.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:05:00", MinimumIsExclusive = true)]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an engine's claim on a running run lasts; every step renews it. A run whose engine died is resumed by
    /// <c>ProcessDueAsync</c> once its claim lapses, never while another engine may still run it. Default
    /// 1 minute (<c>"00:01:00"</c>); above zero, at most one hour, and longer than <see cref="StepTimeout"/>.
    /// </summary>
    [TimeSpanRange("00:00:00", "01:00:00", MinimumIsExclusive = true)]
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The sources whose openings get a run. Unset (the default, <see langword="null"/>): <see cref="ConversationSource.Contact"/>
    /// only, so a conversation an agent opened (<see cref="ConversationSource.Agent"/>) gets none. Set: at least one
    /// source, each a defined <see cref="ConversationSource"/>, replacing the default (list <c>Contact</c> to keep
    /// it). In configuration, a list: <c>"Sources": ["Contact", "User"]</c>.
    /// </summary>
    /// <remarks>
    /// Unset rather than a list holding <c>Contact</c>, because the configuration binder adds to a list that already
    /// has items: a bound <c>["User"]</c> would then mean Contact and User, and Contact could never be left out.
    /// </remarks>
    public IList<ConversationSource>? Sources { get; set; }

    /// <summary>The sources that start a run, the default applied.</summary>
    internal IReadOnlySet<ConversationSource> StartingSources => Sources is null ? DefaultSources : Sources.ToHashSet();

    /// <summary>The checks across options and of the list's items, which the attributes cannot express; run by the generated validator.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (RunLease <= StepTimeout)
        {
            yield return new ValidationResult(
                $"The field {nameof(InboundWorkflowOptions)}.{nameof(RunLease)} must be longer than {nameof(StepTimeout)} ({StepTimeout:c}); it is {RunLease:c}.",
                [nameof(RunLease)]);
        }

        if (Sources is { Count: 0 })
        {
            yield return new ValidationResult(
                $"The field {nameof(InboundWorkflowOptions)}.{nameof(Sources)} must hold at least one source, or be left unset for Contact only.",
                [nameof(Sources)]);
        }

        foreach (var source in Sources ?? [])
        {
            if (!Enum.IsDefined(source))
            {
                yield return new ValidationResult(
                    $"The field {nameof(InboundWorkflowOptions)}.{nameof(Sources)} must hold defined sources only; {(int)source} is not a {nameof(ConversationSource)}.",
                    [nameof(Sources)]);
            }
        }
    }
}
