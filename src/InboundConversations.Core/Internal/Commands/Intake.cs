using InboundConversations.Internal.Changes;
using InboundConversations.Internal.Diagnostics;
using InboundConversations.Storage;

namespace InboundConversations.Internal.Commands;

/// <summary>
/// The hot path: an inbound message joins the open conversation or opens one. No state machine runs here:
/// a contact message to an open conversation changes no state, and an opening is a creation, not a transition.
/// </summary>
internal sealed class Intake(ChangeContext context, IWorkflowLauncher workflow, Wakes wakes)
{
    private readonly bool _startsWorkflow = workflow.StartsFor(ConversationSource.Contact);

    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        context.Validator.Validate(message, now);
        var stored = context.ChangeAsync(message.Workspace, message.Contact, ToAppend(message, now, _startsWorkflow), AppendAsync, cancellationToken);
        return AfterAppendAsync(stored, message.Workspace);
    }

    /// <summary>
    /// What follows the append: an opening runs its workflow; a message that joined a snoozed conversation wakes it.
    /// A completed append with neither costs no state machine and no allocation.
    /// </summary>
    private ValueTask<ReceiveResult> AfterAppendAsync(ValueTask<Appended> stored, WorkspaceId workspace)
    {
        if (stored.IsCompletedSuccessfully && !_startsWorkflow && !stored.Result.JoinedSnoozed)
        {
            return new ValueTask<ReceiveResult>(stored.Result.Result);
        }

        return FollowUpAsync(stored, workspace);
    }

    private async ValueTask<ReceiveResult> FollowUpAsync(ValueTask<Appended> stored, WorkspaceId workspace)
    {
        var (result, joinedSnoozed) = await stored.ConfigureAwait(false);
        if (joinedSnoozed)
        {
            await WakeAsync(workspace, result.ConversationId).ConfigureAwait(false);
        }

        return _startsWorkflow ? await RunWorkflowAsync(result, workspace).ConfigureAwait(false) : result;
    }

    /// <summary>
    /// Wakes the snoozed conversation the contact wrote to. The message is stored, so the call succeeds whatever this
    /// meets; if it fails (logged), the snooze's timer wakes the conversation when due.
    /// </summary>
    private async ValueTask WakeAsync(WorkspaceId workspace, ConversationId conversationId)
    {
        try
        {
            await wakes.WakeAsync(workspace, conversationId, WakeReason.ContactMessage, armed: null, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A follow-up of a stored message never fails the call.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.FollowUpFailed(context.Logger, "wake", conversationId, exception.GetType().Name);
        }
    }

    /// <summary>
    /// The call that opened a conversation runs its workflow before it returns. Once the opening is stored the run
    /// goes to its end whatever the caller's token says (invariant 4); if this process dies first, the run was
    /// stored with the opening and <see cref="IConversationEngine.ProcessDueAsync"/> runs it later.
    /// </summary>
    private async ValueTask<ReceiveResult> RunWorkflowAsync(ReceiveResult result, WorkspaceId workspace)
    {
        if (result.OpenedConversation)
        {
            await workflow.RunAsync(workspace, result.ConversationId).ConfigureAwait(false);
        }

        return result;
    }

    private static async ValueTask<Appended> AppendAsync(
        ChangeContext context, ContactGate gate, InboundAppend append, CancellationToken cancellationToken)
    {
        var result = await context.Store.AppendInboundAsync(append, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == InboundAppendOutcome.Duplicate && result.Message.Contact != append.Contact)
        {
            // The key names another contact's message: never answer with (or reveal) that contact's conversation.
            throw new InvalidRequestException(nameof(InboundMessage.ExternalId), "it was already recorded on this channel for another contact's message");
        }

        Publish(context, gate, result);
        return new Appended(
            new ReceiveResult(OutcomeOf(result.Outcome), result.Message.ConversationId, result.Message.Id),
            JoinedSnoozed: result.Outcome == InboundAppendOutcome.Appended && result.JoinedState == ConversationState.Snoozed);
    }

    private static ReceiveOutcome OutcomeOf(InboundAppendOutcome outcome) => outcome switch
    {
        InboundAppendOutcome.Opened => ReceiveOutcome.Opened,
        InboundAppendOutcome.Appended => ReceiveOutcome.Appended,
        InboundAppendOutcome.Duplicate => ReceiveOutcome.Duplicate,
        _ => throw new InvalidOperationException($"The conversation store answered an inbound append with {nameof(InboundAppendOutcome)} {outcome}, which the port does not define."),
    };

    private static InboundAppend ToAppend(InboundMessage message, DateTimeOffset now, bool startsWorkflow) => new()
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
        NewConversationState = startsWorkflow ? ConversationState.Triaging : ConversationState.Unassigned,
        StartsWorkflow = startsWorkflow,
        CancelTimers = TimerPolicy.CancelledByContact,
    };

    private static void Publish(ChangeContext context, ContactGate gate, InboundAppendResult result)
    {
        var logger = context.Logger;
        switch (result.Outcome)
        {
            case InboundAppendOutcome.Opened:
                var opened = result.OpenedConversation!;
                Log.ConversationOpened(logger, opened.Id, opened.Workspace, opened.Source, opened.State);
                if (context.Events.HasHandlers)
                {
                    context.Events.Enqueue(gate, new ConversationOpened(opened));
                    context.Events.Enqueue(gate, new MessageReceived(result.Message));
                }

                break;
            case InboundAppendOutcome.Appended:
                Log.MessageAppended(logger, result.Message.Id, result.Message.ConversationId);
                if (context.Events.HasHandlers)
                {
                    context.Events.Enqueue(gate, new MessageReceived(result.Message));
                }

                break;
            default:
                Log.RedeliveryIgnored(logger, result.Message.Id, result.Message.ConversationId);
                break;
        }
    }

    /// <summary>What the append stored, and whether the message joined a snoozed conversation (which is woken next).</summary>
    private readonly record struct Appended(ReceiveResult Result, bool JoinedSnoozed);
}
