using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace InboundConversations.Internal.Domain;

/// <summary>
/// The conversation lifecycle as a Stateless machine over a stored state: the one definition of which state allows
/// which trigger. The README's diagram is <see cref="ToMermaid"/>, checked by a test.
/// </summary>
/// <remarks>
/// Configuring a machine costs about a microsecond and several kilobytes, and a workflow cycle fires a dozen triggers,
/// so <see cref="Fire"/> and <see cref="Allows"/> read a table that memoises the machine's answers: every (state,
/// trigger) pair is fired on a machine of its own when the type initializes, once for a conversation without an agent
/// and once for one with an agent (where a wake leads depends on it). A trigger the table does not allow is
/// fired on a machine built for that call, which throws exactly what the machine throws. Machines are never shared
/// (Stateless machines are not thread-safe) and none sits on the inbound-append path.
/// </remarks>
internal static class ConversationLifecycle
{
    /// <summary>
    /// [has an agent ? 1 : 0][state, trigger] → the state after the trigger, or <see langword="null"/> if the machine
    /// refuses it, for every state of the machine (<c>Open</c> included) and every trigger. Other pairs are not
    /// derived, and go to a machine.
    /// </summary>
    private static readonly (bool Derived, ConversationState? To)[][,] Tables = [Derive(hasAgent: false), Derive(hasAgent: true)];

    /// <summary>Applies <paramref name="trigger"/> to <paramref name="conversation"/>'s state.</summary>
    /// <returns>The state after the trigger; the conversation itself is not changed.</returns>
    /// <exception cref="ConversationClosedException">The conversation is closed.</exception>
    /// <exception cref="InvalidConversationTransitionException">The state does not allow the trigger.</exception>
    public static ConversationState Fire(Conversation conversation, ConversationTrigger trigger)
    {
        var hasAgent = conversation.Assignee is not null;
        var entry = Lookup(conversation.State, trigger, hasAgent);
        return entry.To ?? FireOnMachine(conversation.State, trigger, conversation.Id, hasAgent);
    }

    /// <summary>Whether <paramref name="trigger"/> is allowed in <paramref name="state"/> (with an agent or without: the same answer).</summary>
    public static bool Allows(ConversationState state, ConversationTrigger trigger)
    {
        var entry = Lookup(state, trigger, hasAgent: false);
        if (entry.Derived)
        {
            return entry.To is not null;
        }

        var current = (LifecycleState)state;
        return Build(() => current, s => current = s, default, hasAgent: false).CanFire(trigger);
    }

    /// <summary>
    /// The machine's own description: its states (with <c>Open</c>, the superstate of every open state), substates and
    /// transitions, as Stateless reflects them.
    /// </summary>
    public static StateMachineInfo Describe() => Build(static () => LifecycleState.Open, static _ => { }, default, hasAgent: false).GetInfo();

    /// <summary>
    /// The lifecycle as a Mermaid state diagram (Stateless's <see cref="MermaidGraph"/> over <see cref="Describe"/>),
    /// lines ending in <c>\n</c>: the README's diagram. A conversation starts in <c>Open</c>, as Triaging or Unassigned.
    /// </summary>
    public static string ToMermaid() => MermaidGraph.Format(Describe()).ReplaceLineEndings("\n");

    private static (bool Derived, ConversationState? To) Lookup(ConversationState state, ConversationTrigger trigger, bool hasAgent)
    {
        var table = Tables[hasAgent ? 1 : 0];
        return (uint)state < (uint)table.GetLength(0) && (uint)trigger < (uint)table.GetLength(1) ? table[(int)state, (int)trigger] : default;
    }

    private static ConversationState FireOnMachine(ConversationState from, ConversationTrigger trigger, ConversationId id, bool hasAgent)
    {
        var state = (LifecycleState)from;
        var machine = Build(() => state, s => state = s, id, hasAgent);
        machine.Fire(trigger);
        return (ConversationState)state;
    }

    private static (bool Derived, ConversationState? To)[,] Derive(bool hasAgent)
    {
        var states = Enum.GetValues<LifecycleState>();
        var triggers = Enum.GetValues<ConversationTrigger>();
        var table = new (bool Derived, ConversationState? To)[(int)states.Max() + 1, (int)triggers.Max() + 1];
        foreach (var from in states)
        {
            foreach (var trigger in triggers)
            {
                var state = from;
                var machine = Build(() => state, s => state = s, default, hasAgent);
                ConversationState? to = null;
                if (machine.CanFire(trigger))
                {
                    machine.Fire(trigger);
                    to = (ConversationState)state;
                }

                table[(int)from, (int)trigger] = (true, to);
            }
        }

        return table;
    }

    private static StateMachine<LifecycleState, ConversationTrigger> Build(
        Func<LifecycleState> read, Action<LifecycleState> write, ConversationId id, bool hasAgent)
    {
        var machine = new StateMachine<LifecycleState, ConversationTrigger>(read, write);

        machine.Configure(LifecycleState.Open)
            .Ignore(ConversationTrigger.AgentMessage)
            .Permit(ConversationTrigger.Close, LifecycleState.Closed);

        machine.Configure(LifecycleState.Triaging)
            .SubstateOf(LifecycleState.Open)
            .Ignore(ConversationTrigger.Route)
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
            .Permit(ConversationTrigger.Unassign, LifecycleState.Unassigned)
            .Permit(ConversationTrigger.Snooze, LifecycleState.Snoozed);

        machine.Configure(LifecycleState.Unassigned)
            .SubstateOf(LifecycleState.Open)
            .Permit(ConversationTrigger.Enqueue, LifecycleState.Queued)
            .Permit(ConversationTrigger.Assign, LifecycleState.Assigned)
            .Permit(ConversationTrigger.Snooze, LifecycleState.Snoozed);

        // A snoozed conversation keeps its team and agent; it wakes back to where it was, and a person's change ends it.
        machine.Configure(LifecycleState.Snoozed)
            .SubstateOf(LifecycleState.Open)
            .PermitDynamic(
                ConversationTrigger.Wake,
                () => hasAgent ? LifecycleState.Assigned : LifecycleState.Unassigned,
                "HasAgent",
                new DynamicStateInfos { { LifecycleState.Assigned, "has an agent" }, { LifecycleState.Unassigned, "has none" } })
            .Permit(ConversationTrigger.Enqueue, LifecycleState.Queued)
            .Permit(ConversationTrigger.Assign, LifecycleState.Assigned)
            .Permit(ConversationTrigger.Unassign, LifecycleState.Unassigned);

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
        Snoozed = ConversationState.Snoozed,
    }
}
