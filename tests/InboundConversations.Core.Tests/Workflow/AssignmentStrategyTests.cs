using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow;

public sealed class AssignmentStrategyTests
{
    private static TestInbox Inbox(IAgentAssigner assigner) => WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));

    [Fact]
    public async Task RoundRobin_ConcurrentOpenings_GiveEveryAgentTheSameCountPlusOrMinusOne()
    {
        using var inbox = Inbox(AgentAssigners.RoundRobin());
        for (var i = 0; i < 7; i++)
        {
            await inbox.AddAgentAsync($"agent-{i}", capacity: 1000);
        }

        var gate = new TaskCompletionSource();
        var openings = Enumerable.Range(0, 200).Select(i => Task.Run(async () => { await gate.Task; return await inbox.ReceiveAsync($"contact-{i}"); })).ToArray();
        gate.SetResult();
        await Task.WhenAll(openings);

        var loads = (await inbox.Roster.GetTeamMembersAsync(WorkflowInbox.Support)).Select(a => a.OpenConversations).ToArray();
        loads.Sum().Should().Be(200);
        (loads.Max() - loads.Min()).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task LeastOpen_PicksTheLeastLoadedAgent_TiesToTheAgentIdleLongest()
    {
        using var inbox = Inbox(AgentAssigners.LeastOpen());
        await inbox.AddAgentAsync("busy", capacity: 5);
        await inbox.AddAgentAsync("idle", capacity: 5);
        var first = await inbox.ReceiveAsync("c1");   // both empty, never assigned: id order → "busy"
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await inbox.ReceiveAsync("c2");  // "idle" has fewer
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        await inbox.CloseAsync(first.ConversationId);
        await inbox.CloseAsync(second.ConversationId); // both at 0 again; "busy" was assigned longer ago
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));

        var third = await inbox.ReceiveAsync("c3");

        (await inbox.ConversationOfAsync(first)).Assignee.Should().Be(new AgentId("busy"));
        (await inbox.ConversationOfAsync(second)).Assignee.Should().Be(new AgentId("idle"));
        (await inbox.ConversationOfAsync(third)).Assignee.Should().Be(new AgentId("busy"));
    }

    [Fact]
    public async Task LongestIdle_PicksTheAgentWhoseLastAssignmentIsOldest()
    {
        using var inbox = Inbox(AgentAssigners.LongestIdle());
        await inbox.AddAgentAsync("a", capacity: 10);
        await inbox.AddAgentAsync("b", capacity: 10);
        var picks = new List<AgentId?>();
        for (var i = 0; i < 4; i++)
        {
            inbox.Clock.Advance(TimeSpan.FromMinutes(1));
            picks.Add((await inbox.ConversationOfAsync(await inbox.ReceiveAsync($"c{i}"))).Assignee);
        }

        picks.Should().Equal(new AgentId("a"), new AgentId("b"), new AgentId("a"), new AgentId("b"));
    }

    [Fact]
    public async Task Sticky_AContactComingBack_GetsTheAgentWhoHandledTheirLastConversation()
    {
        using var inbox = Inbox(AgentAssigners.Sticky(AgentAssigners.LeastOpen()));
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob");
        var first = await inbox.ReceiveAsync("returning");
        var handledBy = (await inbox.ConversationOfAsync(first)).Assignee;
        await inbox.ReceiveAsync("someone-else");
        await inbox.CloseAsync(first.ConversationId);

        var next = await inbox.ReceiveAsync("returning");

        next.ConversationId.Should().NotBe(first.ConversationId);
        (await inbox.ConversationOfAsync(next)).Assignee.Should().Be(handledBy);
    }

    [Fact]
    public async Task Sticky_WhenThePreviousAgentIsOffline_FallsBack()
    {
        using var inbox = Inbox(AgentAssigners.Sticky(AgentAssigners.LeastOpen()));
        await inbox.AddAgentAsync("ana");
        var first = await inbox.ReceiveAsync("returning");
        await inbox.CloseAsync(first.ConversationId);
        await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline);
        await inbox.AddAgentAsync("bob");

        var next = await inbox.ReceiveAsync("returning");

        (await inbox.ConversationOfAsync(next)).Assignee.Should().Be(new AgentId("bob"));
    }

    [Fact]
    public async Task Specific_AssignsOnlyThatAgent_AndQueuesWhenTheyAreFull()
    {
        using var inbox = Inbox(AgentAssigners.Specific(new AgentId("bob")));
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob", capacity: 1);

        var first = await inbox.ReceiveAsync("c1");
        var second = await inbox.ReceiveAsync("c2");

        (await inbox.ConversationOfAsync(first)).Assignee.Should().Be(new AgentId("bob"));
        (await inbox.ConversationOfAsync(second)).State.Should().Be(ConversationState.Queued);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task None_LeavesTheConversationUnassignedAndEndsTheRun()
    {
        using var inbox = Inbox(AgentAssigners.None);
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Team.Should().Be(WorkflowInbox.Support);
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task OnlyOnlineAgents_ByDefaultSkipsAwayAgents_AndCanBeRelaxed()
    {
        using var strict = Inbox(AgentAssigners.LeastOpen());
        await strict.AddAgentAsync("away", presence: AgentPresence.Away);
        using var relaxed = Inbox(AgentAssigners.LeastOpen(onlyOnlineAgents: false));
        await relaxed.AddAgentAsync("away", presence: AgentPresence.Away);

        (await strict.ConversationOfAsync(await strict.ReceiveAsync())).State.Should().Be(ConversationState.Queued);
        (await relaxed.ConversationOfAsync(await relaxed.ReceiveAsync())).Assignee.Should().Be(new AgentId("away"));
    }
}
