using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// Invariant 11: a freed seat (close, unassignment, transfer away, more capacity, presence, registration) is offered to
/// every team its agent serves, oldest waiting conversation first across them; away agents too when the assigner lets
/// them qualify. E-mail routes to billing, everything else to support; dana serves both.
/// </summary>
public sealed class FreedSeatDrainTests
{
    private static readonly AgentId Dana = new("dana");

    [Fact]
    public async Task Close_OfTheAgentsSupportConversation_AssignsTheBillingConversationWaiting()
    {
        using var inbox = Inbox();
        await AddDanaAsync(inbox);
        var support = await ReceiveAsync(inbox, "c1", "whatsapp");
        var billing = await ReceiveAsync(inbox, "c2", "email");
        (await inbox.ConversationOfAsync(billing)).State.Should().Be(ConversationState.Queued);

        await inbox.CloseAsync(support.ConversationId, "dana");

        var drained = await inbox.ConversationOfAsync(billing);
        drained.State.Should().Be(ConversationState.Assigned);
        drained.Assignee.Should().Be(Dana);
        drained.Team.Should().Be(new TeamId("billing"));
        (await inbox.LoadOfAsync("dana")).Should().Be(1);
        (await inbox.RunOfAsync(billing.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task Unassign_OfTheAgentsSupportConversation_AssignsTheBillingConversationWaiting()
    {
        using var inbox = Inbox();
        await AddDanaAsync(inbox);
        var support = await ReceiveAsync(inbox, "c1", "whatsapp");
        var billing = await ReceiveAsync(inbox, "c2", "email");

        await inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = support.ConversationId, UnassignedBy = Actor.Agent(Dana) });

        (await inbox.ConversationOfAsync(billing)).Assignee.Should().Be(Dana);
        (await inbox.ConversationOfAsync(support)).State.Should().Be(ConversationState.Unassigned);
        (await inbox.LoadOfAsync("dana")).Should().Be(1);
    }

    [Fact]
    public async Task TransferAway_OfTheAgentsSupportConversation_AssignsTheBillingConversationWaiting()
    {
        using var inbox = Inbox();
        await AddDanaAsync(inbox);
        await inbox.AddAgentAsync("sam", capacity: 3, teams: "sales");
        var support = await ReceiveAsync(inbox, "c1", "whatsapp");
        var billing = await ReceiveAsync(inbox, "c2", "email");

        await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = support.ConversationId, ToTeam = new TeamId("sales"), TransferredBy = Actor.Agent(Dana) });

        (await inbox.ConversationOfAsync(support)).Assignee.Should().Be(new AgentId("sam"));
        (await inbox.ConversationOfAsync(billing)).Assignee.Should().Be(Dana);
        (await inbox.LoadOfAsync("dana")).Should().Be(1);
    }

    [Fact]
    public async Task Reassign_ToAnotherAgent_OffersTheFreedSeatToTheFirstAgentsOtherTeam()
    {
        using var inbox = Inbox();
        await AddDanaAsync(inbox);
        await inbox.AddAgentAsync("ana", capacity: 3, presence: AgentPresence.Away);
        var support = await ReceiveAsync(inbox, "c1", "whatsapp");
        var billing = await ReceiveAsync(inbox, "c2", "email");

        var moved = await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = support.ConversationId, Agent = new AgentId("ana"), AssignedBy = Actor.Agent(Dana) });

        moved.Assignee.Should().Be(new AgentId("ana"), "assigning an assigned conversation to someone else moves it");
        (await inbox.ConversationOfAsync(billing)).Assignee.Should().Be(Dana);
        (await inbox.LoadOfAsync("dana")).Should().Be(1);
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task FreedSeat_AssignsTheOldestWaitingConversationAcrossTheAgentsTeamsFirst()
    {
        using var inbox = Inbox();
        await AddDanaAsync(inbox);
        var first = await ReceiveAsync(inbox, "c1", "whatsapp");
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var billingOlder = await ReceiveAsync(inbox, "c2", "email");
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var supportNewer = await ReceiveAsync(inbox, "c3", "webchat");

        await inbox.CloseAsync(first.ConversationId, "dana");

        (await inbox.ConversationOfAsync(billingOlder)).Assignee.Should().Be(Dana, "billing's conversation has waited longest");
        (await inbox.ConversationOfAsync(supportNewer)).State.Should().Be(ConversationState.Queued);
    }

    [Fact]
    public async Task FreedSeat_OfAnAgentOfTwoTeams_WithRoomForTwo_TakesTheOldestOfBothQueuesInOrder()
    {
        using var inbox = Inbox();
        await AddDanaAsync(inbox, capacity: 2);
        var first = await ReceiveAsync(inbox, "c1", "whatsapp");
        var second = await ReceiveAsync(inbox, "c2", "whatsapp");
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var supportOldest = await ReceiveAsync(inbox, "c3", "webchat");
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var billingMiddle = await ReceiveAsync(inbox, "c4", "email");
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var supportNewest = await ReceiveAsync(inbox, "c5", "webchat");

        await inbox.CloseAsync(first.ConversationId, "dana");
        await inbox.CloseAsync(second.ConversationId, "dana");

        (await inbox.ConversationOfAsync(supportOldest)).Assignee.Should().Be(Dana);
        (await inbox.ConversationOfAsync(billingMiddle)).Assignee.Should().Be(Dana);
        (await inbox.ConversationOfAsync(supportNewest)).State.Should().Be(ConversationState.Queued);
        (await inbox.Roster.GetTeamQueueAsync(new TeamId("support"))).Select(c => c.Id).Should().Equal(supportNewest.ConversationId);
    }

    [Theory]
    [InlineData("capacity")]
    [InlineData("presence")]
    public async Task AwayAgent_WhenTheAssignerLetsAwayAgentsQualify_TakesTheQueueWhenTheirRoomGrows(string change)
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(AgentAssigners.LeastOpen(onlyOnlineAgents: false)));
        await inbox.AddAgentAsync("ana", capacity: 1, presence: change == "capacity" ? AgentPresence.Away : AgentPresence.Offline);
        if (change == "presence")
        {
            await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Away);
        }

        await inbox.ReceiveAsync("c1");
        var waiting = await inbox.ReceiveAsync("c2");
        if (change == "presence")
        {
            await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline);
            var third = await inbox.ReceiveAsync("c3");
            (await inbox.ConversationOfAsync(third)).State.Should().Be(ConversationState.Queued, "nobody qualifies while ana is offline");
            await inbox.Roster.SetCapacityAsync(new AgentId("ana"), 3);
            (await inbox.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued, "an offline agent's room helps nobody");
        }

        var after = change == "capacity"
            ? await inbox.Roster.SetCapacityAsync(new AgentId("ana"), 2)
            : await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Away);

        (await inbox.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
        after.OpenConversations.Should().Be(change == "capacity" ? 2 : 3);
    }

    [Fact]
    public async Task RegisterAgain_IntoAnotherTeam_DrainsThatTeamsQueue()
    {
        using var inbox = Inbox();
        await inbox.AddAgentAsync("dana", capacity: 2, teams: "support");
        var billing = await ReceiveAsync(inbox, "c1", "email");
        (await inbox.ConversationOfAsync(billing)).State.Should().Be(ConversationState.Queued);

        var registered = await inbox.AddAgentAsync("dana", capacity: 2, teams: ["support", "billing"]);

        (await inbox.ConversationOfAsync(billing)).Assignee.Should().Be(Dana);
        registered.OpenConversations.Should().Be(1);
    }

    [Fact]
    public async Task ManyClosesAtOnce_ByAgentsOfTwoTeams_LeaveNoQueueWaitingWhileAMemberHasRoom()
    {
        using var inbox = Inbox();
        string[] agents = ["dana", "eli", "fay"];
        foreach (var agent in agents)
        {
            await inbox.AddAgentAsync(agent, capacity: 2, teams: ["support", "billing"]);
        }

        await inbox.AddAgentAsync("gus", capacity: 2, teams: "billing");
        var opened = new List<ReceiveResult>();
        for (var i = 0; i < 40; i++)
        {
            opened.Add(await ReceiveAsync(inbox, $"c{i}", i % 3 == 0 ? "email" : "whatsapp"));
        }

        var assigned = new List<Conversation>();
        foreach (var result in opened)
        {
            if ((await inbox.ConversationOfAsync(result)) is { State: ConversationState.Assigned } conversation)
            {
                assigned.Add(conversation);
            }
        }

        await Concurrently.RunAsync(assigned.Count, i => inbox.CloseAsync(assigned[i].Id, assigned[i].Assignee!.Value.Value).AsTask());

        foreach (var team in new[] { "support", "billing" })
        {
            var queue = await inbox.Roster.GetTeamQueueAsync(new TeamId(team));
            var members = await inbox.Roster.GetTeamMembersAsync(new TeamId(team));
            if (queue.Count > 0)
            {
                members.Should().NotContain(m => m.IsAvailable, $"{team}'s queue waits, so none of its members may have room");
            }
        }

        foreach (var agent in agents.Append("gus"))
        {
            var held = 0;
            foreach (var result in opened)
            {
                held += (await inbox.ConversationOfAsync(result)) is { State: ConversationState.Assigned } c && c.Assignee == new AgentId(agent) ? 1 : 0;
            }

            (await inbox.LoadOfAsync(agent)).Should().Be(held, $"{agent}'s load counts the conversations they hold");
            held.Should().BeLessThanOrEqualTo(2);
        }
    }

    private static TestInbox Inbox() => WorkflowInbox.Create(w => w
        .RouteByRules(rules => rules.When(Match.Channel.Is("email")).RouteTo("billing").Otherwise("support")));

    private static Task<Agent> AddDanaAsync(TestInbox inbox, int capacity = 1) =>
        inbox.AddAgentAsync("dana", capacity: capacity, teams: ["support", "billing"]);

    private static async Task<ReceiveResult> ReceiveAsync(TestInbox inbox, string contact, string channel) =>
        await inbox.Engine.ReceiveAsync(inbox.Message(contact, channel: channel));
}
