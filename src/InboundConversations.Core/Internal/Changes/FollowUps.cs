using InboundConversations.Internal.Diagnostics;
using InboundConversations.Storage;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// What follows a stored change: the lost agent's unit given back, a queued run ended, the freed seat offered to every
/// team of its agent, a new queue drained. Follow-ups run to the end whatever the caller's token says, and never throw:
/// the change is stored, so the call returns it; a step that fails is logged and left to the engine's background pass,
/// which drains every queue and releases every reservation left behind.
/// </summary>
internal sealed class FollowUps(ChangeContext context, AssignmentService assignments, QueueDrainer queue)
{
    /// <summary>After a close: the assignee's unit back, the queued run ended, the seat offered to the assignee's teams.</summary>
    public async ValueTask AfterCloseAsync(Conversation closed)
    {
        var freed = closed.Assignee is { } agent
            ? await assignments.ReleaseAsync(closed.Workspace, agent, ConversationVersion.Of(closed)).ConfigureAwait(false)
            : null;
        await CompleteQueuedRunAsync(closed).ConfigureAwait(false);
        if (freed is not null)
        {
            await OfferSeatAsync(closed.Id, freed).ConfigureAwait(false);
        }
        else if (closed.Assignee is not null && closed.Team is { } team)
        {
            // The agent is gone from the directory (or the release failed): their team's queue may still move.
            await DrainAsync(closed.Id, closed.Workspace, team).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After an assignment, unassignment or transfer: the queued run ended, the seat of the agent who lost the
    /// conversation offered to their teams, and the conversation's new queue drained if it waits in one.
    /// </summary>
    public async ValueTask AfterAssignmentAsync(AppliedAssignment applied)
    {
        var stored = applied.Stored;
        await CompleteQueuedRunAsync(stored).ConfigureAwait(false);
        if (applied.Freed is { } freed)
        {
            await OfferSeatAsync(stored.Id, freed).ConfigureAwait(false);
        }

        if (stored is { State: ConversationState.Queued, Team: { } team })
        {
            await DrainAsync(stored.Id, stored.Workspace, team).ConfigureAwait(false);
        }
    }

    /// <summary>After a registration, presence or capacity change: the agent's room offered to every team they serve.</summary>
    public async ValueTask AfterAgentChangeAsync(Agent agent)
    {
        try
        {
            await queue.OfferSeatAsync(agent).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A follow-up never fails the call: the change is stored.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.AgentFollowUpFailed(context.Logger, "drain", agent.Id, exception.GetType().Name);
        }
    }

    private ValueTask CompleteQueuedRunAsync(Conversation conversation) =>
        GuardAsync("end queued run", conversation.Id, (assignments, conversation), static async state =>
            await state.assignments.CompleteQueuedRunAsync(state.conversation, CancellationToken.None).ConfigureAwait(false));

    private ValueTask OfferSeatAsync(ConversationId conversation, Agent freed) =>
        GuardAsync("drain", conversation, (queue, freed), static async state =>
            await state.queue.OfferSeatAsync(state.freed).ConfigureAwait(false));

    private ValueTask DrainAsync(ConversationId conversation, WorkspaceId workspace, TeamId team) =>
        GuardAsync("drain", conversation, (queue, workspace, team), static async state =>
            await state.queue.DrainAsync(state.workspace, [state.team], CancellationToken.None).ConfigureAwait(false));

    private async ValueTask GuardAsync<TState>(string step, ConversationId conversation, TState state, Func<TState, ValueTask> work)
    {
        try
        {
            await work(state).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A follow-up never fails the call: the change is stored.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.FollowUpFailed(context.Logger, step, conversation, exception.GetType().Name);
        }
    }
}
