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
        ConversationLifecycle.Allows(ConversationState.Closed, trigger).Should().BeFalse();
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
