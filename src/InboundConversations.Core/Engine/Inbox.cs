using InboundConversations.Storage;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Assignment;
using InboundConversations.Workflow.Running;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Engine;

/// <summary>The composition of the engine's features over the host's ports: built once per container.</summary>
internal sealed class Inbox
{
    private static readonly TimeSpan DefaultStepTimeout = TimeSpan.FromSeconds(5);

    public Inbox(
        IConversationStore store,
        IAgentDirectory directory,
        IContactStore contacts,
        TimeProvider clock,
        InboundConversationsOptions options,
        IEnumerable<IConversationEventHandler> handlers,
        ILogger logger,
        InboundWorkflowDefinition? workflow)
    {
        Context = new EngineContext(store, clock, options, handlers.ToArray(), logger);
        Directory = directory;
        var transitions = new ConversationTransitions(Context);
        var steps = new StepExecutor(clock, workflow?.StepTimeout ?? DefaultStepTimeout, logger);
        var assignments = new AssignmentService(Context, transitions, directory, contacts, steps);
        Queue = new QueueDrainer(assignments, workflow?.Assigner ?? AgentAssigners.LeastOpen());
        Runner = workflow is null ? null : new WorkflowRunner(Context, workflow, transitions, assignments, Queue, contacts, steps);
        Assignments = new AssignmentCommands(Context, assignments, Queue);
        Intake = new Intake(Context, Runner);
        Commands = new ConversationCommands(Context, transitions, Runner, Assignments);
        Queries = new ConversationQueries(Context);
    }

    public EngineContext Context { get; }

    public IAgentDirectory Directory { get; }

    public QueueDrainer Queue { get; }

    public WorkflowRunner? Runner { get; }

    public Intake Intake { get; }

    public ConversationCommands Commands { get; }

    public AssignmentCommands Assignments { get; }

    public ConversationQueries Queries { get; }
}
