namespace InboundConversations.Tests.Domain;

/// <summary>The events carry the stored conversation and read their team, agent and closure from it.</summary>
public sealed class ConversationEventTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);

    [Fact]
    public void ConversationAssigned_NamesTheAssignee_AndTheDefaultAgentWhenThereIsNone()
    {
        var agent = new AgentId("agent-7");
        var assigned = Sample() with { State = ConversationState.Assigned, Assignee = agent };

        var happened = new ConversationAssigned(assigned, Actor.Workflow(), At);

        happened.Assignee.Should().Be(agent);
        happened.Conversation.Should().BeSameAs(assigned);
        happened.AssignedBy.Should().Be(Actor.Workflow());
        new ConversationAssigned(Sample(), Actor.Api(), At).Assignee.Should().Be(default(AgentId));
    }

    [Fact]
    public void ConversationQueuedAndRouted_NameTheConversationsTeam_AndTheDefaultTeamWhenThereIsNone()
    {
        var team = new TeamId("billing");
        var routed = Sample() with { Team = team };

        var queued = new ConversationQueued(routed with { State = ConversationState.Queued }, At);
        var routedEvent = new ConversationRouted(routed, At);

        queued.Team.Should().Be(team);
        routedEvent.Team.Should().Be(team);
        routedEvent.Conversation.Should().BeSameAs(routed);
        routedEvent.ConversationId.Should().Be(routed.Id);
        routedEvent.OccurredAt.Should().Be(At);
        new ConversationQueued(Sample(), At).Team.Should().Be(default(TeamId));
        new ConversationRouted(Sample(), At).Team.Should().Be(default(TeamId));
    }

    [Fact]
    public void ConversationClosed_OfAnOpenConversation_ThrowsArgumentSayingItIsNotClosed()
    {
        var refused = FluentActions.Invoking(() => new ConversationClosed(Sample()))
            .Should().ThrowExactly<ArgumentException>().Which;

        refused.ParamName.Should().Be("conversation");
        refused.Message.Should().StartWith("The conversation is not closed.");
    }

    [Fact]
    public void ConversationClosed_TakesItsTimeAndClosureFromTheConversation()
    {
        var closure = new ConversationClosure(Actor.Agent(new AgentId("agent-7")), At, "resolved", null);
        var closed = Sample() with { State = ConversationState.Closed, Closure = closure };

        var happened = new ConversationClosed(closed);

        happened.OccurredAt.Should().Be(At);
        happened.Closure.Should().Be(closure);
    }

    private static Conversation Sample() => new()
    {
        Workspace = WorkspaceId.Default,
        Id = ConversationId.New(DateTimeOffset.UnixEpoch),
        Contact = new ContactId("contact-1"),
        Channel = new ChannelId("whatsapp"),
        Source = ConversationSource.Contact,
        OpenedBy = Actor.Contact(new ContactId("contact-1")),
        OpenedAt = DateTimeOffset.UnixEpoch,
        State = ConversationState.Triaging,
        Version = 1,
    };
}
