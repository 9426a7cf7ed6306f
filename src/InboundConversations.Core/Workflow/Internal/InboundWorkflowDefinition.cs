
namespace InboundConversations.Workflow.Internal;

/// <summary>The inbound workflow as configured, its steps resolved from the host's services.</summary>
internal sealed class InboundWorkflowDefinition(
    IReadOnlySet<ConversationSource> sources,
    IReadOnlyList<Func<TriggerContext, bool>> conditions,
    IReadOnlyList<IConversationEnricher> enrichers,
    IConversationRouter? router,
    TeamId? defaultTeam,
    IAgentAssigner assigner,
    TimeSpan runLease,
    QueueTimeouts queueTimeouts)
{
    /// <summary>The queue timeouts, per team and workflow-wide.</summary>
    public QueueTimeouts QueueTimeouts { get; } = queueTimeouts;

    public TimeSpan RunLease { get; } = runLease;

    public IReadOnlyList<IConversationEnricher> Enrichers { get; } = enrichers;

    public IConversationRouter? Router { get; } = router;

    public TeamId? DefaultTeam { get; } = defaultTeam;

    public IAgentAssigner Assigner { get; } = assigner;

    /// <summary>Whether a conversation opened with this source gets a pending run stored with its opening.</summary>
    public bool StartsFor(ConversationSource source) => sources.Contains(source);

    /// <summary>Whether the trigger conditions hold, checked when the run starts.</summary>
    public bool Applies(TriggerContext context) => conditions.All(condition => condition(context));
}
