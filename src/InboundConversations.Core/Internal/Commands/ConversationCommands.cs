using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Diagnostics;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Internal.Commands;

/// <summary>Explicit opens, outbound messages and closes: each a validated change under the contact's gate.</summary>
internal sealed class ConversationCommands(
    ChangeContext context, IWorkflowLauncher workflow, Closes closes)
{
    public async ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken)
    {
        context.Validator.Validate(request);
        var startsWorkflow = workflow.StartsFor(SourceOf(request.OpenedBy));
        var opened = await context.ChangeAsync(request.Workspace, request.Contact, (request, startsWorkflow), static async (context, gate, state, cancellationToken) =>
        {
            var (request, startsWorkflow) = state;
            var now = context.Clock.GetUtcNow();
            var candidate = new Conversation
            {
                Workspace = request.Workspace,
                Id = ConversationId.New(now),
                Contact = request.Contact,
                Channel = request.Channel,
                Source = SourceOf(request.OpenedBy),
                OpenedBy = request.OpenedBy,
                OpenedAt = now,
                State = startsWorkflow ? ConversationState.Triaging : ConversationState.Unassigned,
                Version = 1,
            };
            var pendingRun = startsWorkflow ? WorkflowRun.Pending(candidate.Workspace, candidate.Id, now) : null;
            var result = await context.Store.OpenAsync(candidate, pendingRun, cancellationToken).ConfigureAwait(false);
            if (!result.Opened)
            {
                throw new OpenConversationExistsException(result.Conversation.Id);
            }

            Log.ConversationOpened(context.Logger, candidate.Id, candidate.Workspace, candidate.Source, candidate.State);
            if (context.Events.HasHandlers)
            {
                context.Events.Enqueue(gate, new ConversationOpened(result.Conversation));
            }

            return result.Conversation;
        }, cancellationToken).ConfigureAwait(false);

        if (!startsWorkflow)
        {
            return opened;
        }

        // Once opened, the run goes to its end whatever the caller's token says (invariant 4).
        await workflow.RunAsync(opened.Workspace, opened.Id).ConfigureAwait(false);
        return await ConversationTransitions.FindAsync(context, opened.Workspace, opened.Id, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        context.Validator.Validate(message);
        var conversation = await ConversationTransitions.FindAsync(context, message.Workspace, message.ConversationId, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.AgentMessage);
        return await context.ChangeAsync(message.Workspace, conversation.Contact, (message, conversation), static async (context, gate, state, cancellationToken) =>
        {
            var (message, conversation) = state;
            var now = context.Clock.GetUtcNow();
            var draft = new ConversationMessage
            {
                Workspace = message.Workspace,
                Id = MessageId.New(now),
                ConversationId = conversation.Id,
                Contact = conversation.Contact,
                Direction = MessageDirection.Outbound,
                Channel = message.Channel.IsEmpty ? conversation.Channel : message.Channel,
                Author = message.Author,
                Content = message.Content,
                SentAt = now,
                RecordedAt = now,
                Sequence = 0,
            };
            var recorded = await context.Store.AppendOutboundAsync(draft, context.Timers.ArmedBy(message.Author, conversation, now), cancellationToken).ConfigureAwait(false);
            Log.MessageSent(context.Logger, recorded.Id, recorded.ConversationId, recorded.Author.Kind);
            if (context.Events.HasHandlers)
            {
                context.Events.Enqueue(gate, new MessageSent(recorded));
            }

            return recorded;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken)
    {
        context.Validator.Validate(request);
        var closedAt = context.Clock.GetUtcNow();
        var closure = new ConversationClosure(request.ClosedBy, closedAt, request.Category, request.Notes);
        return await closes.CloseAsync(request.Workspace, request.ConversationId, guard: null, closure, cancellationToken).ConfigureAwait(false);
    }

    private static ConversationSource SourceOf(Actor openedBy) => openedBy.Kind switch
    {
        ActorKind.Agent => ConversationSource.Agent,
        ActorKind.Workflow => ConversationSource.Workflow,
        _ => ConversationSource.Api,
    };
}
