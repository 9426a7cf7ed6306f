using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// Which seats a drain offers and in what order: an agent who is offline or full offers none; the oldest waiting
/// conversation across the teams drained together goes first, ties to the one opened first; the queue's assigner sees
/// the facts the run learned.
/// </summary>
public sealed class QueueDrainOrderTests
{
    [Fact]
    public async Task AgentGoingOffline_WithRoomLeft_OffersNoSeat()
    {
        var assigner = new RecordingAssigner(AgentAssigners.LeastOpen());
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana", capacity: 5, presence: AgentPresence.Away);
        var waiting = await inbox.ReceiveAsync();
        var asked = assigner.Calls.Count;

        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline);

        assigner.Calls.Should().HaveCount(asked, "an offline agent gains nobody a seat: the queue is not asked again");
        (await inbox.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task AgentAtCapacity_ChangingPresence_OffersNoSeat()
    {
        var assigner = new RecordingAssigner(AgentAssigners.LeastOpen());
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana", capacity: 1, presence: AgentPresence.Away);
        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);
        await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Away);
        var asked = assigner.Calls.Count;

        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);

        assigner.Calls.Should().HaveCount(asked, "an agent whose open conversations reach their capacity has no seat to offer");
        (await inbox.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task Close_OfAnOfflineAgentsConversation_OffersNoSeat()
    {
        var assigner = new RecordingAssigner(AgentAssigners.LeastOpen());
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana", capacity: 5);
        var hers = await inbox.ReceiveAsync("c1");
        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline);
        var waiting = await inbox.ReceiveAsync("c2");
        var asked = assigner.Calls.Count;

        await inbox.CloseAsync(hers.ConversationId, "ana");

        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        assigner.Calls.Should().HaveCount(asked, "the unit an offline agent gives back is no seat: the queue is not asked again");
        (await inbox.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task Close_ByAnAgentStillAtCapacityAfterIt_OffersNoSeat()
    {
        var assigner = new RecordingAssigner(AgentAssigners.LeastOpen());
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana", capacity: 2);
        var first = await inbox.ReceiveAsync("c1");
        await inbox.ReceiveAsync("c2");
        await inbox.Roster.SetCapacityAsync(new AgentId("ana"), 1); // she keeps both, one above her new capacity
        var waiting = await inbox.ReceiveAsync("c3");
        var asked = assigner.Calls.Count;

        await inbox.CloseAsync(first.ConversationId, "ana");

        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        assigner.Calls.Should().HaveCount(asked, "at one open conversation of a capacity of one she has no seat to offer");
        (await inbox.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task Drain_GivesTheQueuesAssignerTheFactsTheRunLearned()
    {
        var assigner = new RecordingAssigner(AgentAssigners.LeastOpen());
        using var inbox = WorkflowInbox.Create(w => w.Enrich(StubEnricher.Fact("crm", "tier", "gold")).DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        var asked = assigner.Calls.Count;

        await inbox.CloseAsync(first.ConversationId, "ana");

        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        var drained = assigner.Calls.Skip(asked).Should().ContainSingle("the close's drain asked once").Which;
        drained.Conversation.Should().Be(waiting.ConversationId);
        drained.Facts.Should().Equal(new Dictionary<string, string> { ["tier"] = "gold" });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Drain_OfTwoTeamsWhoseHeadsWaitedEquallyLong_SeatsTheConversationOpenedFirst(bool openedFirstInTheAgentsFirstTeam)
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("intake"));
        var carla = await inbox.AddAgentAsync("carla", capacity: 1, presence: AgentPresence.Offline, teams: ["billing", "support"]);
        var one = (await inbox.ReceiveAsync("c1")).ConversationId;
        var two = (await inbox.ReceiveAsync("c2")).ConversationId;
        var (older, newer) = one.Value.CompareTo(two.Value) < 0 ? (one, two) : (two, one); // opened in the same millisecond
        var (olderTeam, newerTeam) = openedFirstInTheAgentsFirstTeam ? (carla.Teams[0], carla.Teams[1]) : (carla.Teams[1], carla.Teams[0]);
        await TransferAsync(inbox, older, olderTeam);
        await TransferAsync(inbox, newer, newerTeam);
        (await inbox.Engine.GetConversationAsync(older)).QueuedAt.Should().Be((await inbox.Engine.GetConversationAsync(newer)).QueuedAt);

        await inbox.Roster.SetPresenceAsync(new AgentId("carla"), AgentPresence.Online);

        (await inbox.Engine.GetConversationAsync(older)).Assignee.Should().Be(new AgentId("carla"));
        (await inbox.Engine.GetConversationAsync(newer)).State.Should().Be(ConversationState.Queued);
    }

    private static async Task TransferAsync(TestInbox inbox, ConversationId id, TeamId team) =>
        (await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = team, TransferredBy = Actor.Agent(new AgentId("lead")) }))
            .State.Should().Be(ConversationState.Queued);
}
