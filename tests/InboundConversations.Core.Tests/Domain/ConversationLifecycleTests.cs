using InboundConversations.Internal.Domain;

namespace InboundConversations.Tests.Domain;

/// <summary>
/// The Stateless lifecycle table: for every state and trigger, the target state or the specific exception.
/// A row the table does not list is a refused transition.
/// </summary>
public sealed class ConversationLifecycleTests
{
    private static readonly Dictionary<(ConversationState, ConversationTrigger), ConversationState> Allowed = new()
    {
        [(ConversationState.Triaging, ConversationTrigger.ContactMessage)] = ConversationState.Triaging,
        [(ConversationState.Triaging, ConversationTrigger.AgentMessage)] = ConversationState.Triaging,
        [(ConversationState.Triaging, ConversationTrigger.Route)] = ConversationState.Triaging,
        [(ConversationState.Triaging, ConversationTrigger.Enqueue)] = ConversationState.Queued,
        [(ConversationState.Triaging, ConversationTrigger.Assign)] = ConversationState.Assigned,
        [(ConversationState.Triaging, ConversationTrigger.Unassign)] = ConversationState.Unassigned,
        [(ConversationState.Triaging, ConversationTrigger.Close)] = ConversationState.Closed,

        [(ConversationState.Queued, ConversationTrigger.ContactMessage)] = ConversationState.Queued,
        [(ConversationState.Queued, ConversationTrigger.AgentMessage)] = ConversationState.Queued,
        [(ConversationState.Queued, ConversationTrigger.Enqueue)] = ConversationState.Queued,
        [(ConversationState.Queued, ConversationTrigger.Assign)] = ConversationState.Assigned,
        [(ConversationState.Queued, ConversationTrigger.Unassign)] = ConversationState.Unassigned,
        [(ConversationState.Queued, ConversationTrigger.Close)] = ConversationState.Closed,

        [(ConversationState.Assigned, ConversationTrigger.ContactMessage)] = ConversationState.Assigned,
        [(ConversationState.Assigned, ConversationTrigger.AgentMessage)] = ConversationState.Assigned,
        [(ConversationState.Assigned, ConversationTrigger.Assign)] = ConversationState.Assigned,
        [(ConversationState.Assigned, ConversationTrigger.Enqueue)] = ConversationState.Queued,
        [(ConversationState.Assigned, ConversationTrigger.Unassign)] = ConversationState.Unassigned,
        [(ConversationState.Assigned, ConversationTrigger.Close)] = ConversationState.Closed,

        [(ConversationState.Unassigned, ConversationTrigger.ContactMessage)] = ConversationState.Unassigned,
        [(ConversationState.Unassigned, ConversationTrigger.AgentMessage)] = ConversationState.Unassigned,
        [(ConversationState.Unassigned, ConversationTrigger.StartWorkflow)] = ConversationState.Triaging,
        [(ConversationState.Unassigned, ConversationTrigger.Enqueue)] = ConversationState.Queued,
        [(ConversationState.Unassigned, ConversationTrigger.Assign)] = ConversationState.Assigned,
        [(ConversationState.Unassigned, ConversationTrigger.Close)] = ConversationState.Closed,
    };

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
            foreach (var state in Enum.GetValues<ConversationState>().Where(s => s != ConversationState.Closed))
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
    /// with any trigger, and every open state with an undefined trigger (0, just past Close, far past it, negative).
    /// </summary>
    public static TheoryData<int, int> UndefinedOpenPairs
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (var state in new[] { 6, 99, -1 })
            {
                foreach (var trigger in Enum.GetValues<ConversationTrigger>().Select(t => (int)t).Append(9))
                {
                    data.Add(state, trigger);
                }
            }

            foreach (var state in Enum.GetValues<ConversationState>().Where(s => s != ConversationState.Closed))
            {
                foreach (var trigger in new[] { 0, 9, 99, -1 })
                {
                    data.Add((int)state, trigger);
                }
            }

            return data;
        }
    }

    public static TheoryData<int> UndefinedTriggers => new(0, 9, 99, -1);

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
    /// State 0 (the default of the enum, which names no public state) is the machine's abstract Open superstate: it
    /// takes messages and a close, and refuses every other trigger. Pinned as it is, not as a design choice.
    /// </summary>
    [Fact]
    public void Fire_StateZero_ActsAsTheMachinesOpenSuperstate()
    {
        var zero = (ConversationState)0;
        var conversation = In(zero);

        ConversationLifecycle.Fire(conversation, ConversationTrigger.ContactMessage).Should().Be(zero);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.AgentMessage).Should().Be(zero);
        ConversationLifecycle.Fire(conversation, ConversationTrigger.Close).Should().Be(ConversationState.Closed);
        foreach (var trigger in new[] { ConversationTrigger.ContactMessage, ConversationTrigger.AgentMessage, ConversationTrigger.Close })
        {
            ConversationLifecycle.Allows(zero, trigger).Should().BeTrue($"{trigger} is allowed in Open");
        }

        foreach (var trigger in new[] { ConversationTrigger.StartWorkflow, ConversationTrigger.Route, ConversationTrigger.Enqueue, ConversationTrigger.Assign, ConversationTrigger.Unassign })
        {
            ConversationLifecycle.Allows(zero, trigger).Should().BeFalse($"{trigger} is not allowed in Open");
            conversation.Invoking(c => ConversationLifecycle.Fire(c, trigger))
                .Should().ThrowExactly<InvalidConversationTransitionException>().Which.State.Should().Be(zero);
        }
    }

    /// <summary>
    /// An allowed trigger is read from the table derived once, not from a machine configured per call (several
    /// kilobytes each): after the first use, firing every allowed trigger allocates nothing.
    /// </summary>
    [Fact]
    public void Fire_AllowedTriggers_ReadTheTableWithoutAllocating()
    {
        var allowed = Allowed.Select(pair => (Conversation: In(pair.Key.Item1), Trigger: pair.Key.Item2, Expected: pair.Value)).ToArray();
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

    [Fact]
    public void Table_CoversEveryStateAndTrigger()
    {
        var states = Enum.GetValues<ConversationState>();
        var triggers = Enum.GetValues<ConversationTrigger>();
        var covered = AllowedTransitions.Count + RefusedOpenTransitions.Count + AllTriggers.Count;

        covered.Should().Be(states.Length * triggers.Length);
        Allowed.Values.Should().Contain(ConversationState.Closed).And.OnlyContain(s => Enum.IsDefined(s));
    }

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
