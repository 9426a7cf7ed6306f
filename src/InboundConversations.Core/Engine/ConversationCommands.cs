using InboundConversations.Diagnostics;

namespace InboundConversations.Engine;

/// <summary>Explicit opens, outbound messages and closes: each a validated change under the contact's gate.</summary>
internal sealed class ConversationCommands(EngineContext context)
{
    /// <summary>How often a close re-reads and retries after a concurrent change before giving up.</summary>
    private const int CloseAttempts = 3;

    public ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken)
    {
        context.Validator.Validate(request);
        return context.ChangeAsync(request.Workspace, request.Contact, request, static async (context, gate, request, cancellationToken) =>
        {
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
                State = ConversationState.Unassigned,
                Version = 1,
            };
            var result = await context.Store.OpenAsync(candidate, pendingRun: null, cancellationToken).ConfigureAwait(false);
            if (!result.Opened)
            {
                throw new OpenConversationExistsException(result.Conversation.Id);
            }

            Log.ConversationOpened(context.Logger, candidate.Id, candidate.Workspace, candidate.Source, candidate.State);
            context.Events.Enqueue(gate, new ConversationOpened(result.Conversation));
            return result.Conversation;
        }, cancellationToken);
    }

    public async ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        context.Validator.Validate(message);
        var conversation = await FindAsync(context, message.Workspace, message.ConversationId, cancellationToken).ConfigureAwait(false);
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
            var recorded = await context.Store.AppendOutboundAsync(draft, cancellationToken).ConfigureAwait(false);
            Log.MessageSent(context.Logger, recorded.Id, recorded.ConversationId, recorded.Author.Kind);
            context.Events.Enqueue(gate, new MessageSent(recorded));
            return recorded;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken)
    {
        context.Validator.Validate(request);
        var first = await FindAsync(context, request.Workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
        ConversationLifecycle.Fire(first, ConversationTrigger.Close);
        return await context.ChangeAsync(request.Workspace, first.Contact, request, static async (context, gate, request, cancellationToken) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await FindAsync(context, request.Workspace, request.ConversationId, cancellationToken).ConfigureAwait(false);
                var closed = current with
                {
                    State = ConversationLifecycle.Fire(current, ConversationTrigger.Close),
                    Closure = new ConversationClosure(request.ClosedBy, context.Clock.GetUtcNow(), request.Category, request.Notes),
                };
                try
                {
                    var stored = await context.Store.UpdateAsync(closed, cancellationToken).ConfigureAwait(false);
                    Log.ConversationClosed(context.Logger, stored.Id, stored.Workspace, request.ClosedBy.Kind);
                    context.Events.Enqueue(gate, new ConversationClosed(stored));
                    return stored;
                }
                catch (ConcurrencyConflictException) when (attempt < CloseAttempts)
                {
                    // Another process changed it (a workflow step, say): re-read and fire Close on what is stored now.
                    Log.CloseConflictRetried(context.Logger, request.ConversationId, attempt);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<Conversation> FindAsync(EngineContext context, WorkspaceId workspace, ConversationId id, CancellationToken cancellationToken) =>
        await context.Store.FindAsync(workspace, id, cancellationToken).ConfigureAwait(false)
        ?? throw new ConversationNotFoundException(workspace, id);

    private static ConversationSource SourceOf(Actor openedBy) => openedBy.Kind switch
    {
        ActorKind.Agent => ConversationSource.User,
        ActorKind.Workflow => ConversationSource.Workflow,
        _ => ConversationSource.Api,
    };
}
