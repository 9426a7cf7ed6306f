using Stateless;

namespace InboundConversations;

/// <summary>
/// The conversation lifecycle as a Stateless machine over a stored state (DESIGN.md section 4).
/// A machine is built for one operation over one snapshot, fired once and dropped: Stateless machines are not
/// thread-safe and configuring one is not free, so none is shared and none sits on the inbound-append path.
/// </summary>
internal static class ConversationLifecycle
{
    /// <summary>Applies <paramref name="trigger"/> to <paramref name="conversation"/>'s state.</summary>
    /// <returns>The state after the trigger; the conversation itself is not changed.</returns>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidConversationTransitionException">The state does not allow the trigger.</exception>
    public static ConversationState Fire(Conversation conversation, ConversationTrigger trigger)
    {
        var state = (LifecycleState)conversation.State;
        var machine = Build(() => state, s => state = s, conversation.Id);
        machine.Fire(trigger);
        return (ConversationState)state;
    }

    /// <summary>Whether <paramref name="trigger"/> is allowed in <paramref name="state"/>.</summary>
    public static bool Allows(ConversationState state, ConversationTrigger trigger)
    {
        var current = (LifecycleState)state;
        return Build(() => current, s => current = s, default).CanFire(trigger);
    }

    private static StateMachine<LifecycleState, ConversationTrigger> Build(
        Func<LifecycleState> read, Action<LifecycleState> write, ConversationId id)
    {
        var machine = new StateMachine<LifecycleState, ConversationTrigger>(read, write);

        machine.Configure(LifecycleState.Open)
            .InternalTransition(ConversationTrigger.ContactMessage, static () => { })
            .InternalTransition(ConversationTrigger.AgentMessage, static () => { })
            .Permit(ConversationTrigger.Close, LifecycleState.Closed);

        machine.Configure(LifecycleState.Triaging)
            .SubstateOf(LifecycleState.Open)
            .InternalTransition(ConversationTrigger.Route, static () => { })
            .Permit(ConversationTrigger.Enqueue, LifecycleState.Queued)
            .Permit(ConversationTrigger.Assign, LifecycleState.Assigned)
            .Permit(ConversationTrigger.Unassign, LifecycleState.Unassigned);

        machine.Configure(LifecycleState.Queued)
            .SubstateOf(LifecycleState.Open)
            .PermitReentry(ConversationTrigger.Enqueue)
            .Permit(ConversationTrigger.Assign, LifecycleState.Assigned)
            .Permit(ConversationTrigger.Unassign, LifecycleState.Unassigned);

        machine.Configure(LifecycleState.Assigned)
            .SubstateOf(LifecycleState.Open)
            .PermitReentry(ConversationTrigger.Assign)
            .Permit(ConversationTrigger.Enqueue, LifecycleState.Queued)
            .Permit(ConversationTrigger.Unassign, LifecycleState.Unassigned);

        machine.Configure(LifecycleState.Unassigned)
            .SubstateOf(LifecycleState.Open)
            .Permit(ConversationTrigger.StartWorkflow, LifecycleState.Triaging)
            .Permit(ConversationTrigger.Enqueue, LifecycleState.Queued)
            .Permit(ConversationTrigger.Assign, LifecycleState.Assigned);

        machine.Configure(LifecycleState.Closed);

        machine.OnUnhandledTrigger((state, trigger) =>
        {
            if (state == LifecycleState.Closed)
            {
                throw new ConversationClosedException(id, trigger);
            }

            throw new InvalidConversationTransitionException(id, (ConversationState)state, trigger);
        });

        return machine;
    }

    /// <summary>The machine's states: the public states plus their abstract superstate <see cref="Open"/>.</summary>
    private enum LifecycleState
    {
        Open = 0,
        Triaging = ConversationState.Triaging,
        Queued = ConversationState.Queued,
        Assigned = ConversationState.Assigned,
        Unassigned = ConversationState.Unassigned,
        Closed = ConversationState.Closed,
    }
}
