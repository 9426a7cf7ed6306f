using InboundConversations.Storage;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Engine;

/// <summary>The thin façade of <see cref="IConversationEngine"/> over its features.</summary>
internal sealed class ConversationEngine : IConversationEngine
{
    private readonly Intake _intake;
    private readonly ConversationCommands _commands;
    private readonly ConversationQueries _queries;

    public ConversationEngine(
        IConversationStore store,
        TimeProvider clock,
        InboundConversationsOptions options,
        IEnumerable<IConversationEventHandler> handlers,
        ILogger logger)
    {
        var context = new EngineContext(store, clock, options, handlers.ToArray(), logger);
        _intake = new Intake(context);
        _commands = new ConversationCommands(context, new ConversationTransitions(context));
        _queries = new ConversationQueries(context);
    }

    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        _intake.ReceiveAsync(message, cancellationToken);

    public ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken = default) =>
        _commands.OpenAsync(request, cancellationToken);

    public ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        _commands.SendAsync(message, cancellationToken);

    public ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken = default) =>
        _commands.CloseAsync(request, cancellationToken);

    public ValueTask<Conversation> GetConversationAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        _queries.GetConversationAsync(conversationId, workspace, cancellationToken);

    public ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        _queries.FindOpenConversationAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        _queries.GetContactConversationsAsync(contact, workspace, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) =>
        _queries.GetMessagesAsync(conversationId, workspace, cancellationToken);
}
