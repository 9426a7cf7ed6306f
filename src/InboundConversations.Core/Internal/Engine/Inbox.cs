using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Commands;
using InboundConversations.Internal.Running;
using InboundConversations.Storage;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Internal;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Internal.Engine;

/// <summary>
/// The composition of the engine's features over the host's ports: built once per container, and disposed with it.
/// </summary>
/// <remarks>
/// Disposal only marks the inbox: the façades check the mark before every call (one volatile read), so a disposed
/// inbox refuses new calls before they touch any state. It releases nothing a call in flight uses (the stores are
/// the host's, the contact gates need no disposal), so a call that passed the check completes as usual.
/// </remarks>
internal sealed class Inbox : IDisposable, IAsyncDisposable
{
    private volatile bool _disposed;

    public Inbox(
        IConversationStore store,
        IAgentDirectory directory,
        IContactStore contacts,
        TimeProvider clock,
        InboundConversationsOptions options,
        InboundWorkflowOptions workflowOptions,
        IEnumerable<IConversationEventHandler> handlers,
        ILogger logger,
        InboundWorkflowDefinition? workflow)
    {
        Context = new EngineContext(store, clock, options, handlers.ToArray(), logger);
        Directory = directory;
        var transitions = new ConversationTransitions(Context);
        var steps = new StepExecutor(clock, workflowOptions.StepTimeout, logger);
        var assignments = new AssignmentService(Context, transitions, directory, contacts, steps);
        Queue = new QueueDrainer(assignments, workflow?.Assigner ?? InboundWorkflowBuilder.DefaultAssigner());
        FollowUps = new FollowUps(Context, assignments, Queue);
        Runner = workflow is null ? null : new WorkflowRunner(Context, workflow, transitions, assignments, Queue, contacts, steps);
        Assignments = new AssignmentCommands(Context, assignments, Queue, FollowUps);
        Intake = new Intake(Context, Runner);
        Commands = new ConversationCommands(Context, transitions, Runner, FollowUps);
        Queries = new ConversationQueries(Context);
        Backstop = new Backstop(Context, Runner, directory, Queue, Backstop.GraceFor(workflow?.RunLease));
    }

    public EngineContext Context { get; }

    public IAgentDirectory Directory { get; }

    public QueueDrainer Queue { get; }

    public FollowUps FollowUps { get; }

    public Backstop Backstop { get; }

    public WorkflowRunner? Runner { get; }

    public Intake Intake { get; }

    public ConversationCommands Commands { get; }

    public AssignmentCommands Assignments { get; }

    public ConversationQueries Queries { get; }

    /// <summary>Throws if the container that built this inbox was disposed; the name is the public service's.</summary>
    public void ThrowIfDisposed(string service)
    {
        if (_disposed)
        {
            ThrowDisposed(service);
        }
    }

    /// <summary>Marks the inbox disposed; idempotent, and never waits for calls in flight.</summary>
    public void Dispose() => _disposed = true;

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    [DoesNotReturn]
    private static void ThrowDisposed(string service) => throw new ObjectDisposedException(service);
}
