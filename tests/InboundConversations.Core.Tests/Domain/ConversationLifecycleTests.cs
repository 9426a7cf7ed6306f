using InboundConversations.Internal.Domain;
using Stateless.Reflection;

namespace InboundConversations.Tests.Domain;

/// <summary>
/// The lifecycle's answers at run time (a table memoised from the Stateless machine) against the machine's own
/// description, for every state and trigger, and a few facts pinned by name. The transitions are written once, in
/// <see cref="ConversationLifecycle"/>; the README shows them as a diagram generated from it.
/// </summary>
public sealed class ConversationLifecycleTests
{
    /// <summary>
    /// (state, trigger) → the state after it, read from <see cref="ConversationLifecycle.Describe"/>: a state's own
    /// transitions, then those of its superstates; an internal transition leaves the state as it is. State 0 is the
    /// machine's Open superstate. A pair not listed is refused.
    /// </summary>
    private static readonly Dictionary<(ConversationState, ConversationTrigger), ConversationState> Allowed = FromDescription();

    private static readonly ConversationState[] OpenStates = [.. Enum.GetValues<ConversationState>().Where(s => s != ConversationState.Closed)];

    private static readonly int PastLastTrigger = (int)Enum.GetValues<ConversationTrigger>().Max() + 1;

    private static readonly int PastLastState = (int)Enum.GetValues<ConversationState>().Max() + 1;

    /// <summary>Every state the machine describes: the public states and its Open superstate (0).</summary>
    private static readonly ConversationState[] DescribedStates = [.. ConversationLifecycle.Describe().States.Select(StateOf)];

    public static TheoryData<ConversationState, ConversationTrigger> AllowedTransitions
    {
        get
        {
            var data = new TheoryData<ConversationState, ConversationTrigger>();
            foreach (var (state, trigger) in Allowed.Keys)
            {
                data.Add(state, trigger);
            }

            return data;
        }
    }

    public static TheoryData<ConversationState, ConversationTrigger> RefusedOpenTransitions
    {
        get
        {
            var data = new TheoryData<ConversationState, ConversationTrigger>();
            foreach (var state in DescribedStates.Where(s => s != ConversationState.Closed))
            {
                foreach (var trigger in Enum.GetValues<ConversationTrigger>().Where(t => !Allowed.ContainsKey((state, t))))
                {
                    data.Add(state, trigger);
                }
            }

            return data;
        }
    }

    public static TheoryData<ConversationTrigger> AllTriggers => new(Enum.GetValues<ConversationTrigger>());

    /// <summary>
    /// Pairs outside the table, which go to a machine: an undefined open state (just past Closed, far past it, negative)
    /// with any trigger, and every open state with an undefined trigger (0, just past the last, far past it, negative).
    /// </summary>
    public static TheoryData<int, int> UndefinedOpenPairs
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (var state in new[] { PastLastState, 99, -1 })
            {
                foreach (var trigger in Enum.GetValues<ConversationTrigger>().Select(t => (int)t).Append(PastLastTrigger))
                {
                    data.Add(state, trigger);
                }
            }

            foreach (var state in OpenStates)
            {
                foreach (var trigger in new[] { 0, PastLastTrigger, 99, -1 })
                {
                    data.Add((int)state, trigger);
                }
            }

            return data;
        }
    }

    public static TheoryData<int> UndefinedTriggers => new(0, PastLastTrigger, 99, -1);

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Fire_AllowedTrigger_ReturnsTheTargetStateAndLeavesTheSnapshotAsItWas(ConversationState state, ConversationTrigger trigger)
    {
        var conversation = In(state);

        var target = ConversationLifecycle.Fire(conversation, trigger);

        target.Should().Be(Allowed[(state, trigger)]);
        conversation.State.Should().Be(state, "the lifecycle computes the next state; it does not mutate the stored snapshot");
        ConversationLifecycle.Allows(state, trigger).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(RefusedOpenTransitions))]
    public void Fire_RefusedTriggerOnOpenState_ThrowsInvalidConversationTransition(ConversationState state, ConversationTrigger trigger)
    {
        var conversation = In(state);

        var refused = conversation.Invoking(c => ConversationLifecycle.Fire(c, trigger))
            .Should().ThrowExactly<InvalidConversationTransitionException>().Which;

        refused.ConversationId.Should().Be(conversation.Id);
        refused.State.Should().Be(state);
        refused.Trigger.Should().Be(trigger);
        refused.Message.Should().Be($"Conversation {conversation.Id} is {state}; the trigger {trigger} is not allowed there.");
        ConversationLifecycle.Allows(state, trigger).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(AllTriggers))]
    public void Fire_AnyTriggerOnClosed_ThrowsConversationClosed(ConversationTrigger trigger)
    {
        var conversation = In(ConversationState.Closed);

        var refused = conversation.Invoking(c => ConversationLifecycle.Fire(c, trigger))
            .Should().ThrowExactly<ConversationClosedException>().Which;

        refused.ConversationId.Should().Be(conversation.Id);
        refused.Trigger.Should().Be(trigger);
        refused.Message.Should().Be($"Conversation {conversation.Id} is closed; {trigger} is not allowed on a closed conversation.");
        ConversationLifecycle.Allows(ConversationState.Closed, trigger).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(UndefinedOpenPairs))]
    public void Fire_UndefinedStateOrTrigger_ThrowsInvalidConversationTransitionNamingThem(int state, int trigger)
    {
        var conversation = In((ConversationState)state);

        var refused = conversation.Invoking(c => ConversationLifecycle.Fire(c, (ConversationTrigger)trigger))
            .Should().ThrowExactly<InvalidConversationTransitionException>().Which;

        refused.ConversationId.Should().Be(conversation.Id);
        refused.State.Should().Be((ConversationState)state);
        refused.Trigger.Should().Be((ConversationTrigger)trigger);
        ConversationLifecycle.Allows((ConversationState)state, (ConversationTrigger)trigger).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(UndefinedTriggers))]
    public void Fire_UndefinedTriggerOnClosed_ThrowsConversationClosed(int trigger)
    {
        var conversation = In(ConversationState.Closed);

        conversation.Invoking(c => ConversationLifecycle.Fire(c, (ConversationTrigger)trigger))
            .Should().ThrowExactly<ConversationClosedException>().Which.Trigger.Should().Be((ConversationTrigger)trigger);
        ConversationLifecycle.Allows(ConversationState.Closed, (ConversationTrigger)trigger).Should().BeFalse();
    }

    /// <summary>
    /// State 0 (the default of the enum, which names no public state) is the machine's abstract Open superstate, the
    /// diagram's starting point: it takes agent messages and a close, and refuses every other trigger. Pinned as it is,
    /// not as a design choice.
    /// </summary>
    [Fact]
    public void Fire_StateZero_ActsAsTheMachinesOpenSuperstate()
    {
        var zero = (ConversationState)0;
        var conversation = In(zero);

        ConversationLifecycle.Fire(conversation, ConversationTrigger.AgentMessage).Should().Be(zero);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.Close).Should().Be(ConversationState.Closed);
        foreach (var trigger in new[] { ConversationTrigger.AgentMessage, ConversationTrigger.Close })
        {
            ConversationLifecycle.Allows(zero, trigger).Should().BeTrue($"{trigger} is allowed in Open");
        }

        foreach (var trigger in new[] { ConversationTrigger.Route, ConversationTrigger.Enqueue, ConversationTrigger.Assign, ConversationTrigger.Unassign })
        {
            ConversationLifecycle.Allows(zero, trigger).Should().BeFalse($"{trigger} is not allowed in Open");
            conversation.Invoking(c => ConversationLifecycle.Fire(c, trigger))
                .Should().ThrowExactly<InvalidConversationTransitionException>().Which.State.Should().Be(zero);
        }

        DescribedStates.Should().Contain(zero, "the machine's description starts from its Open superstate");
    }

    [Fact]
    public void Lifecycle_ClosedIsTerminalAndEveryOpenStateCanClose()
    {
        foreach (var state in OpenStates)
        {
            ConversationLifecycle.Fire(In(state), ConversationTrigger.Close).Should().Be(ConversationState.Closed);
        }

        Enum.GetValues<ConversationTrigger>().Should().OnlyContain(t => !ConversationLifecycle.Allows(ConversationState.Closed, t));
    }

    [Fact]
    public void Lifecycle_AgentMessage_IsAllowedInEveryOpenStateAndChangesNoState()
    {
        foreach (var state in OpenStates)
        {
            ConversationLifecycle.Fire(In(state), ConversationTrigger.AgentMessage).Should().Be(state);
        }
    }

    [Fact]
    public void Lifecycle_Route_IsAllowedOnlyInTriagingAndChangesNoState()
    {
        ConversationLifecycle.Fire(In(ConversationState.Triaging), ConversationTrigger.Route).Should().Be(ConversationState.Triaging);
        OpenStates.Where(s => s != ConversationState.Triaging).Should().OnlyContain(s => !ConversationLifecycle.Allows(s, ConversationTrigger.Route));
    }

    /// <summary>A conversation is Triaging only from its opening: once it leaves, nothing brings it back.</summary>
    [Fact]
    public void Lifecycle_NoTriggerLeadsIntoTriagingFromAnotherState()
    {
        var into = Allowed.Where(pair => pair.Value == ConversationState.Triaging && pair.Key.Item1 != ConversationState.Triaging);

        into.Should().BeEmpty();
    }

    /// <summary>Every trigger is allowed somewhere: the machine has no trigger it never uses.</summary>
    [Fact]
    public void Lifecycle_EveryTrigger_IsAllowedInSomeState()
    {
        Enum.GetValues<ConversationTrigger>().Should().OnlyContain(t => Allowed.Keys.Any(pair => pair.Item2 == t));
    }

    /// <summary>
    /// <see cref="Allowed"/> reads fixed transitions, ignored triggers and the one dynamic transition (a snoozed
    /// conversation wakes to Assigned or Unassigned), none of them guarded: the machine has no other kind, so the
    /// reading is the whole machine.
    /// </summary>
    [Fact]
    public void Describe_HasOnlyUnguardedFixedTransitionsIgnoredTriggersAndTheWake()
    {
        var states = ConversationLifecycle.Describe().States.ToArray();

        var dynamic = states.SelectMany(s => s.DynamicTransitions.Select(t => (From: StateOf(s), Transition: t))).ToArray();
        dynamic.Should().ContainSingle();
        dynamic[0].From.Should().Be(ConversationState.Snoozed);
        ((ConversationTrigger)dynamic[0].Transition.Trigger.UnderlyingTrigger).Should().Be(ConversationTrigger.Wake);
        dynamic[0].Transition.PossibleDestinationStates.Select(d => d.DestinationState)
            .Should().BeEquivalentTo(nameof(ConversationState.Assigned), nameof(ConversationState.Unassigned));
        states.SelectMany(s => s.FixedTransitions.Concat<TransitionInfo>(s.IgnoredTriggers))
            .Should().OnlyContain(t => !t.GuardConditionsMethodDescriptions.Any());
        states.Select(StateOf).Should().BeEquivalentTo(OpenStates.Prepend((ConversationState)0).Append(ConversationState.Closed));
    }

    /// <summary>
    /// An allowed trigger is read from the table derived once, not from a machine configured per call (several
    /// kilobytes each): after the first use, firing every allowed trigger allocates nothing.
    /// </summary>
    [Fact]
    public void Fire_AllowedTriggers_ReadTheTableWithoutAllocating()
    {
        // Where a wake leads depends on whether the conversation has an agent: both are in the table.
        var allowed = Allowed.Select(pair => (Conversation: In(pair.Key.Item1), Trigger: pair.Key.Item2, Expected: pair.Value))
            .Append((Conversation: In(ConversationState.Snoozed) with { Assignee = new AgentId("ana") }, Trigger: ConversationTrigger.Wake, Expected: ConversationState.Assigned))
            .ToArray();
        var wrong = 0;
        foreach (var (conversation, trigger, _) in allowed)
        {
            ConversationLifecycle.Fire(conversation, trigger);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (conversation, trigger, expected) in allowed)
        {
            wrong += ConversationLifecycle.Fire(conversation, trigger) == expected ? 0 : 1;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        wrong.Should().Be(0);
    }

    [Theory]
    [InlineData(true, ConversationState.Assigned)]
    [InlineData(false, ConversationState.Unassigned)]
    public void Fire_Wake_LeadsBackToAssignedWithAnAgentAndToUnassignedWithout(bool hasAgent, ConversationState expected)
    {
        var snoozed = In(ConversationState.Snoozed) with { Assignee = hasAgent ? new AgentId("ana") : null };

        ConversationLifecycle.Fire(snoozed, ConversationTrigger.Wake).Should().Be(expected);
        ConversationLifecycle.Allows(ConversationState.Snoozed, ConversationTrigger.Wake).Should().BeTrue();
    }

    [Fact]
    public void Table_CoversEveryStateAndTrigger()
    {
        var triggers = Enum.GetValues<ConversationTrigger>();
        var covered = AllowedTransitions.Count + RefusedOpenTransitions.Count + AllTriggers.Count;

        covered.Should().Be(DescribedStates.Length * triggers.Length);
        Allowed.Values.Should().Contain(ConversationState.Closed).And.OnlyContain(s => s == 0 || Enum.IsDefined(s));
    }

    private static Dictionary<(ConversationState, ConversationTrigger), ConversationState> FromDescription()
    {
        var allowed = new Dictionary<(ConversationState, ConversationTrigger), ConversationState>();
        foreach (var described in ConversationLifecycle.Describe().States)
        {
            var from = StateOf(described);
            for (var level = described; level is not null; level = level.Superstate)
            {
                // A substate's own transition wins over its superstate's: the nearer level is read first.
                foreach (var transition in level.FixedTransitions)
                {
                    allowed.TryAdd(
                        (from, (ConversationTrigger)transition.Trigger.UnderlyingTrigger),
                        transition.IsInternalTransition ? from : StateOf(transition.DestinationState));
                }

                // A dynamic transition (the wake) leads, for a conversation without an agent (see In), to Unassigned.
                foreach (var dynamic in level.DynamicTransitions)
                {
                    allowed.TryAdd((from, (ConversationTrigger)dynamic.Trigger.UnderlyingTrigger), ConversationState.Unassigned);
                }

                // An ignored trigger is allowed and changes nothing (a message, a route).
                foreach (var ignored in level.IgnoredTriggers)
                {
                    allowed.TryAdd((from, (ConversationTrigger)ignored.Trigger.UnderlyingTrigger), from);
                }
            }
        }

        return allowed;
    }

    private static ConversationState StateOf(StateInfo state) => (ConversationState)Convert.ToInt32(state.UnderlyingState);

    private static Conversation In(ConversationState state) => new()
    {
        Workspace = WorkspaceId.Default,
        Id = ConversationId.New(DateTimeOffset.UnixEpoch),
        Contact = new ContactId("contact-1"),
        Channel = new ChannelId("whatsapp"),
        Source = ConversationSource.Contact,
        OpenedBy = Actor.Contact(new ContactId("contact-1")),
        OpenedAt = DateTimeOffset.UnixEpoch,
        State = state,
        Version = 1,
    };
}
