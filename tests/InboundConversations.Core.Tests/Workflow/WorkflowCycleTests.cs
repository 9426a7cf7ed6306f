using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Workflow;

public sealed class WorkflowCycleTests
{
    private static TestInbox Inbox(IAgentAssigner? assigner = null) => new(build: b => b.AddInboundWorkflow(w =>
    {
        w.DefaultTeam("support");
        if (assigner is not null)
        {
            w.AssignBy(assigner);
        }
    }));

    private static async Task AddAgentsAsync(TestInbox inbox, int count, int capacity, string team = "support")
    {
        for (var i = 0; i < count; i++)
        {
            await inbox.Roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId($"agent-{i:D2}"),
                Teams = [new TeamId(team)],
                Capacity = capacity,
                InitialPresence = AgentPresence.Online,
            });
        }
    }

    [Fact]
    public async Task ContactMessage_WithAnAvailableAgent_EndsAssignedToThatAgent()
    {
        using var inbox = Inbox();
        await AddAgentsAsync(inbox, 1, 2);

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.Engine.GetConversationAsync(received.ConversationId);
        conversation.State.Should().Be(ConversationState.Assigned);
        conversation.Team.Should().Be(new TeamId("support"));
        conversation.Assignee.Should().Be(new AgentId("agent-00"));
        var run = await inbox.Engine.FindWorkflowRunAsync(received.ConversationId);
        run!.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Agent.Should().Be(new AgentId("agent-00"));
        (await inbox.Roster.GetAgentAsync(new AgentId("agent-00"))).OpenConversations.Should().Be(1);
        inbox.Events.Select(e => e.GetType().Name).Should().Equal(
            nameof(ConversationOpened), nameof(MessageReceived), nameof(ConversationRouted), nameof(ConversationAssigned));
    }

    [Fact]
    public async Task ContactMessage_WithNoAvailableAgent_IsQueuedAndAssignedWhenAnAgentComesOnline()
    {
        using var inbox = Inbox();

        var received = await inbox.ReceiveAsync();
        (await inbox.Engine.GetConversationAsync(received.ConversationId)).State.Should().Be(ConversationState.Queued);
        (await inbox.Engine.FindWorkflowRunAsync(received.ConversationId))!.Status.Should().Be(WorkflowRunStatus.Queued);

        await AddAgentsAsync(inbox, 1, 1);

        var conversation = await inbox.Engine.GetConversationAsync(received.ConversationId);
        conversation.State.Should().Be(ConversationState.Assigned);
        (await inbox.Engine.FindWorkflowRunAsync(received.ConversationId))!.Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task ThousandConcurrentOpenings_TenAgentsOfCapacityFive_AssignFiftyAndQueueTheRestInOrder()
    {
        using var inbox = Inbox(AgentAssigners.RoundRobin());
        await AddAgentsAsync(inbox, 10, 5);
        var start = new TaskCompletionSource();

        var tasks = Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await inbox.ReceiveAsync($"contact-{i}");
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        var conversations = await Task.WhenAll(results.Select(r => inbox.Engine.GetConversationAsync(r.ConversationId).AsTask()));
        conversations.Count(c => c.State == ConversationState.Assigned).Should().Be(50);
        conversations.Count(c => c.State == ConversationState.Queued).Should().Be(950);
        var team = await inbox.Roster.GetTeamMembersAsync(new TeamId("support"));
        team.Should().OnlyContain(a => a.OpenConversations == 5);
        conversations.Where(c => c.Assignee is not null).GroupBy(c => c.Assignee).Select(g => g.Count()).Should().OnlyContain(n => n == 5);

        var queue = await inbox.Roster.GetTeamQueueAsync(new TeamId("support"), maxCount: 1000);
        queue.Should().HaveCount(950);

        // Closing conversations drains the queue in the order it was queued.
        var assigned = conversations.Where(c => c.State == ConversationState.Assigned).Take(10).ToArray();
        foreach (var conversation in assigned)
        {
            await inbox.CloseAsync(conversation.Id);
        }

        var promoted = await Task.WhenAll(queue.Take(10).Select(c => inbox.Engine.GetConversationAsync(c.Id).AsTask()));
        promoted.Should().OnlyContain(c => c.State == ConversationState.Assigned);
        (await inbox.Engine.GetConversationAsync(queue[10].Id)).State.Should().Be(ConversationState.Queued);
        (await inbox.Roster.GetTeamMembersAsync(new TeamId("support"))).Should().OnlyContain(a => a.OpenConversations <= 5);
    }
}
