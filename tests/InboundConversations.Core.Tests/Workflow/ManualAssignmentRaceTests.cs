using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// A person's decision wins over the workflow's: when an agent assigns a conversation by hand while the run (or the
/// team's queue) is choosing an agent for it, the manual assignment stays and the workflow's pick is given back.
/// </summary>
public sealed class ManualAssignmentRaceTests
{
    private static readonly AgentId Ana = new("ana");
    private static readonly AgentId Bob = new("bob");

    [Fact]
    public async Task Run_WhenAnAgentAssignsTheConversationByHandMeanwhile_KeepsTheManualAssignment()
    {
        TestInbox? inbox = null;
        var assigner = new StubAssigner(async (context, ct) =>
        {
            await inbox!.Engine.AssignAsync(Manual(context.Conversation.Id, Bob), ct);
            return await AgentAssigners.LeastOpen().AssignAsync(context, ct);
        });
        using var created = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        inbox = created;
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob", presence: AgentPresence.Away);

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Assignee.Should().Be(Bob);
        (await inbox.LoadOfAsync("bob")).Should().Be(1);
        (await inbox.LoadOfAsync("ana")).Should().Be(0, "the workflow's reservation was given back");
        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Agent.Should().Be(Bob);
        inbox.Events.OfType<ConversationAssigned>().Should().ContainSingle().Which.Conversation.Assignee.Should().Be(Bob);
    }

    [Fact]
    public async Task QueueDrain_WhenAnAgentAssignsTheQueuedConversationByHandMeanwhile_KeepsTheManualAssignment()
    {
        TestInbox? inbox = null;
        var assignByHandFirst = false;
        var assigner = new StubAssigner(async (context, ct) =>
        {
            if (assignByHandFirst)
            {
                assignByHandFirst = false;
                await inbox!.Engine.AssignAsync(Manual(context.Conversation.Id, Bob), ct);
            }

            return await AgentAssigners.LeastOpen().AssignAsync(context, ct);
        });
        using var created = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        inbox = created;
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        await inbox.AddAgentAsync("bob", presence: AgentPresence.Away);
        var received = await inbox.ReceiveAsync();
        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Queued);

        assignByHandFirst = true;
        await inbox.Roster.SetPresenceAsync(Ana, AgentPresence.Online);

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Assignee.Should().Be(Bob);
        (await inbox.LoadOfAsync("bob")).Should().Be(1);
        (await inbox.LoadOfAsync("ana")).Should().Be(0, "the drain's reservation was given back");
        (await inbox.RunOfAsync(received.ConversationId)).Agent.Should().Be(Bob);
    }

    private static AssignConversationRequest Manual(ConversationId id, AgentId agent) =>
        new() { ConversationId = id, Agent = agent, AssignedBy = Actor.Agent(agent) };
}
