using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Commands;
using InboundConversations.Internal.Running;
using InboundConversations.Storage;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Internal;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Internal.Engine;

/// <summary>
/// The composition root of the engine's features over the host's ports: built once per container, disposed with it.
/// It builds the layers bottom up (stored changes, then the commands and the workflow runner, then the façades) and
/// hands each façade what it needs by constructor; nothing else reads its parts.
/// </summary>
/// <remarks>
/// Disposal only marks the <see cref="InboxLifetime"/>: it releases nothing a call in flight uses (the stores are the
/// host's, the contact gates need no disposal), so a call that passed the façade's check completes as usual.
/// </remarks>
internal sealed class Inbox : IDisposable, IAsyncDisposable
{
    private readonly InboxLifetime _lifetime = new();

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
        // Stored changes: what the commands and the runner share.
        var timers = new TimerPolicy(workflow?.QueueTimeouts ?? QueueTimeouts.None, options.AutoCloseAfter);
        var context = new ChangeContext(store, clock, options, handlers.ToArray(), logger, timers);
        var transitions = new ConversationTransitions(context);
        var steps = new StepExecutor(clock, workflowOptions.StepTimeout, logger);
        var assignments = new AssignmentService(context, transitions, directory, contacts, steps);
        var queue = new QueueDrainer(assignments, workflow?.Assigner ?? InboundWorkflowBuilder.DefaultAssigner());
        var followUps = new FollowUps(context, assignments, queue);
        var wakes = new Wakes(context, transitions);
        var closes = new Closes(context, transitions, followUps);
        var timerCommands = new TimerCommands(context, transitions, assignments, queue, followUps, closes, wakes, options.AutoCloseCategory);

        // The workflow runner, and the commands that start its runs through the launcher.
        var runner = workflow is null ? null : new WorkflowRunner(context, workflow, transitions, assignments, queue, contacts, steps);
        var launcher = (IWorkflowLauncher?)runner ?? NoWorkflow.Instance;

        // The façades.
        Engine = new ConversationEngine(
            _lifetime,
            new Intake(context, launcher, wakes),
            new ConversationCommands(context, launcher, closes),
            new AssignmentCommands(context, assignments, queue, followUps),
            new SnoozeCommands(context, transitions),
            new ConversationQueries(context),
            new Backstop(context, runner, directory, queue, Backstop.GraceFor(workflow?.RunLease), timerCommands, options.TimerLease));
        Roster = new AgentRoster(_lifetime, new AgentCommands(context, directory, followUps));
    }

    public IConversationEngine Engine { get; }

    public IAgentRoster Roster { get; }

    /// <summary>Marks the inbox disposed; idempotent, and never waits for calls in flight.</summary>
    public void Dispose() => _lifetime.End();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
