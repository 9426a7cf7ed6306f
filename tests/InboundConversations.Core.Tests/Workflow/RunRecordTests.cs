using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// What a run stores and logs as it ends: its status, steps, team, agent and times exactly, and one "run ended"
/// record with the outcome an operator reads.
/// </summary>
public sealed class RunRecordTests
{
    [Fact]
    public async Task Run_ThatAssigns_StoresACompletedRecord_AndLogsItsEnd()
    {
        using var inbox = new TestInbox(build: b => b.AddInboundWorkflow(w => w.DefaultTeam("support")), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Team.Should().Be(WorkflowInbox.Support);
        run.Agent.Should().Be(new AgentId("ana"));
        run.EndedAt.Should().Be(TestInbox.Start);
        run.ClaimExpiresAt.Should().BeNull();
        run.Attempts.Should().Be(1);
        run.Steps.Should().Equal(new WorkflowStep(WorkflowStepKind.Assign, "least-open", WorkflowStepStatus.Succeeded, TestInbox.Start, TimeSpan.Zero, null));
        var ended = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 9).Which;
        ended.Level.Should().Be(LogLevel.Information);
        ended.Message.Should().Be($"Workflow run of conversation {received.ConversationId} ended Completed (team support, agent ana)");
    }

    [Fact]
    public async Task Run_ThatFindsNoAgent_StoresAQueuedRecordWithoutAnEnd_AndANoMatchStep()
    {
        using var inbox = new TestInbox(build: b => b.AddInboundWorkflow(w => w.DefaultTeam("support")), services: FakeLogging.Add);
        inbox.Clock.Advance(TimeSpan.FromMinutes(3));

        var received = await inbox.ReceiveAsync();

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Queued);
        run.Team.Should().Be(WorkflowInbox.Support);
        run.Agent.Should().BeNull();
        run.EndedAt.Should().BeNull("a queued run ends when its conversation leaves the queue");
        run.ClaimExpiresAt.Should().BeNull();
        run.Steps.Should().Equal(new WorkflowStep(WorkflowStepKind.Assign, "least-open", WorkflowStepStatus.NoMatch, TestInbox.Start.AddMinutes(3), TimeSpan.Zero, null));
        inbox.Messages(9).Should().Equal($"Workflow run of conversation {received.ConversationId} ended Queued (team support, agent (null))");
    }

    [Fact]
    public async Task Assigner_ThatNamesAnAgentItDidNotReserve_IsRecordedAsFailedSayingWhy()
    {
        Agent? someone = null;
        var assigner = new StubAssigner((_, _) => ValueTask.FromResult(AssignmentDecision.AssignedTo(someone!)));
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        someone = await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);

        var received = await inbox.ReceiveAsync();

        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Queued);
        run.Steps.Should().Equal(new WorkflowStep(
            WorkflowStepKind.Assign, "stub-assigner", WorkflowStepStatus.Failed, TestInbox.Start, TimeSpan.Zero,
            "The assigner chose agent 'ana' without reserving them through the context."));
    }

    [Fact]
    public async Task Resume_OfAConversationClosedMeanwhile_RunsNoStep_AndRecordsTheEnd()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        var enricher = StubEnricher.Fact("crm", "tier", "gold");
        using var inbox = stores.StartLoggedEngine(w => w.Enrich(enricher).DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        await inbox.CloseAsync(id);
        inbox.Clock.Advance(TimeSpan.FromMinutes(2));

        (await inbox.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);

        enricher.Calls.Should().Be(0);
        var run = await inbox.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Steps.Should().BeEmpty();
        run.Facts.Should().BeEmpty();
        run.Team.Should().BeNull();
        run.Agent.Should().BeNull();
        run.EndedAt.Should().Be(TestInbox.Start.AddMinutes(2));
        run.ClaimExpiresAt.Should().BeNull();
        inbox.Messages(9).Should().Equal($"Workflow run of conversation {id} ended Completed (team (null), agent (null))");
    }

    [Fact]
    public async Task Workflow_WhoseConditionsDoNotHold_EndsNotApplicable_WithoutRunningAStep()
    {
        var enricher = StubEnricher.Fact("crm", "tier", "gold");
        using var inbox = new TestInbox(build: b => b.AddInboundWorkflow(w => w.When(_ => false).Enrich(enricher).DefaultTeam("support")), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        enricher.Calls.Should().Be(0);
        var conversation = await inbox.ConversationOfAsync(received);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Team.Should().BeNull();
        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.NotApplicable);
        run.Steps.Should().BeEmpty();
        run.Facts.Should().BeEmpty();
        run.EndedAt.Should().Be(TestInbox.Start);
        inbox.Messages(9).Should().Equal($"Workflow run of conversation {received.ConversationId} ended NotApplicable (team (null), agent (null))");
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task Assigner_DuringWhichAPersonTransfersTheConversation_EndsTheRunWithTheirTeamAndAgent()
    {
        TestInbox? inbox = null;
        ConversationId? transferred = null;
        var assigner = new StubAssigner(async (context, ct) =>
        {
            var decision = await AgentAssigners.LeastOpen().AssignAsync(context, ct); // reserves ana
            transferred = context.Conversation.Id;
            await inbox!.Engine.TransferAsync(new TransferConversationRequest
            {
                ConversationId = context.Conversation.Id,
                ToAgent = new AgentId("bob"),
                ToTeam = new TeamId("billing"),
                TransferredBy = Actor.Agent(new AgentId("supervisor")),
            }, ct);
            return decision;
        });
        inbox = new TestInbox(build: b => b.AddInboundWorkflow(w => w.DefaultTeam("support").AssignBy(assigner)), services: FakeLogging.Add);
        using var _ = inbox;
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob", teams: "billing");

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Assignee.Should().Be(new AgentId("bob"), "the person's transfer stands");
        conversation.Team.Should().Be(new TeamId("billing"));
        (await inbox.LoadOfAsync("ana")).Should().Be(0, "the assigner's reservation was given back");
        (await inbox.LoadOfAsync("bob")).Should().Be(1);
        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Team.Should().Be(new TeamId("billing"), "the run records the team the conversation is in, not the one it was routed to");
        run.Agent.Should().Be(new AgentId("bob"));
        run.EndedAt.Should().Be(TestInbox.Start);
        run.ClaimExpiresAt.Should().BeNull();
        inbox.Messages(9).Should().Equal($"Workflow run of conversation {received.ConversationId} ended Completed (team billing, agent bob)");
        inbox.Logs().Should().NotContain(r => r.Level >= LogLevel.Warning, "a person taking over is normal");
    }
}
