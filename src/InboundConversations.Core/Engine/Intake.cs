using InboundConversations.Diagnostics;
using InboundConversations.Storage;

namespace InboundConversations.Engine;

/// <summary>
/// The hot path: an inbound message joins the open conversation or opens one. No state machine runs here:
/// a contact message to an open conversation changes no state, and an opening is a creation, not a transition.
/// </summary>
internal sealed class Intake(EngineContext context)
{
    /// <summary>The state a contact-opened conversation starts in while no workflow applies.</summary>
    private const ConversationState OpeningState = ConversationState.Unassigned;

    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        context.Validator.Validate(message, now);
        return context.ChangeAsync(message.Workspace, message.Contact, ToAppend(message, now), AppendAsync, cancellationToken);
    }

    private static async ValueTask<ReceiveResult> AppendAsync(
        EngineContext context, ContactGate gate, InboundAppend append, CancellationToken cancellationToken)
    {
        var result = await context.Store.AppendInboundAsync(append, cancellationToken).ConfigureAwait(false);
        Publish(context, gate, result);
        return new ReceiveResult(result.Outcome, result.Message.ConversationId, result.Message.Id);
    }

    private static InboundAppend ToAppend(InboundMessage message, DateTimeOffset now) => new()
    {
        Workspace = message.Workspace,
        Contact = message.Contact,
        Channel = message.Channel,
        ExternalId = message.ExternalId,
        Content = message.Content,
        SentAt = message.SentAt,
        ReceivedAt = now,
        MessageId = MessageId.New(now),
        NewConversationId = ConversationId.New(now),
        NewConversationState = OpeningState,
    };

    private static void Publish(EngineContext context, ContactGate gate, InboundAppendResult result)
    {
        var logger = context.Logger;
        switch (result.Outcome)
        {
            case InboundAppendOutcome.Opened:
                var opened = result.OpenedConversation!;
                Log.ConversationOpened(logger, opened.Id, opened.Workspace, opened.Source, opened.State);
                context.Events.Enqueue(gate, new ConversationOpened(opened));
                context.Events.Enqueue(gate, new MessageReceived(result.Message));
                break;
            case InboundAppendOutcome.Appended:
                Log.MessageAppended(logger, result.Message.Id, result.Message.ConversationId);
                context.Events.Enqueue(gate, new MessageReceived(result.Message));
                break;
            default:
                Log.RedeliveryIgnored(logger, result.Message.Id, result.Message.ConversationId);
                break;
        }
    }
}
