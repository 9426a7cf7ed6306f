using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow;

/// <summary>Failure semantics (the README): a failing step is recorded and the run goes on, falls back, or queues; nothing is lost.</summary>
public sealed class WorkflowFailureTests
{
    [Fact]
    public async Task Enricher_ThatThrows_IsRecordedAsFailedAndItsFactsAreDropped()
    {
        var after = StubEnricher.Fact("after", "tier", "gold");
        using var inbox = WorkflowInbox.Create(w => w.Enrich(StubEnricher.Throwing("crm")).Enrich(after).DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        var run = await inbox.RunOfAsync(received.ConversationId);
        var failed = run.Steps.Should().ContainSingle(s => s.Name == "crm").Which;
        failed.Status.Should().Be(WorkflowStepStatus.Failed);
        failed.Error.Should().Be(typeof(InvalidOperationException).FullName, "the stored record names the exception's type, never its message (which may quote content)");
        run.Facts.Should().NotContainKey("poison").And.Contain("tier", "gold");
        after.Calls.Should().Be(1);
        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task Enricher_ThatPassesTheStepTimeout_IsRecordedAsTimedOutAndTheRunGoesOn()
    {
        var hang = new Hang();
        using var inbox = WorkflowInbox.Create(w => w
            .Enrich(new StubEnricher("slow", async (_, ct) => await hang.RunAsync<bool>(ct)))
            .DefaultTeam("support"),
            options: o => o.StepTimeout = TimeSpan.FromSeconds(2));
        await inbox.AddAgentAsync("ana");

        var receiving = inbox.ReceiveAsync().AsTask();
        await hang.Started;
        receiving.IsCompleted.Should().BeFalse("the run waits for the step until its timeout");
        inbox.Clock.Advance(TimeSpan.FromSeconds(2));
        var received = await receiving;

        var run = await inbox.RunOfAsync(received.ConversationId);
        var step = run.Steps.Single(s => s.Name == "slow");
        step.Status.Should().Be(WorkflowStepStatus.TimedOut);
        step.Duration.Should().Be(TimeSpan.FromSeconds(2));
        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task Router_ThatThrows_SendsTheConversationToTheDefaultTeam()
    {
        using var inbox = WorkflowInbox.Create(w => w
            .RouteBy(new StubRouter((_, _) => throw new InvalidOperationException("rules broken")))
            .DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Team.Should().Be(WorkflowInbox.Support);
        conversation.State.Should().Be(ConversationState.Assigned);
        (await inbox.RunOfAsync(received.ConversationId)).Steps.Should().Contain(s => s.Kind == WorkflowStepKind.Route && s.Status == WorkflowStepStatus.Failed);
    }

    [Fact]
    public async Task Router_ThatMatchesNothing_SendsTheConversationToTheDefaultTeamAndRecordsNoMatch()
    {
        using var inbox = WorkflowInbox.Create(w => w.RouteBy(new StubRouter((_, _) => ValueTask.FromResult<TeamId?>(null))).DefaultTeam("support"));

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).Team.Should().Be(WorkflowInbox.Support);
        (await inbox.RunOfAsync(received.ConversationId)).Steps.Should().Contain(s => s.Kind == WorkflowStepKind.Route && s.Status == WorkflowStepStatus.NoMatch);
    }

    [Fact]
    public async Task Router_ThatTimesOut_SendsTheConversationToTheDefaultTeam()
    {
        var hang = new Hang();
        using var inbox = WorkflowInbox.Create(w => w
            .RouteBy(new StubRouter((_, ct) => hang.RunAsync<TeamId?>(ct)))
            .DefaultTeam("support"),
            options: o => o.StepTimeout = TimeSpan.FromSeconds(1));

        var receiving = inbox.ReceiveAsync().AsTask();
        await hang.Started;
        inbox.Clock.Advance(TimeSpan.FromSeconds(1));
        var received = await receiving;

        (await inbox.ConversationOfAsync(received)).Team.Should().Be(WorkflowInbox.Support);
        (await inbox.RunOfAsync(received.ConversationId)).Steps.Should().Contain(s => s.Kind == WorkflowStepKind.Route && s.Status == WorkflowStepStatus.TimedOut);
    }

    [Fact]
    public async Task Router_WithoutADefaultTeamMatchingNothing_LeavesTheConversationUnassigned()
    {
        using var inbox = WorkflowInbox.Create(w => w.RouteBy(new StubRouter((_, _) => ValueTask.FromResult<TeamId?>(null))));

        var received = await inbox.ReceiveAsync();

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Team.Should().BeNull();
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task Assigner_ThatThrowsAfterReserving_QueuesTheConversationAndGivesTheAgentBack()
    {
        var assigner = new StubAssigner(async (context, ct) =>
        {
            await context.ReserveAsync(AgentSelection.LeastOpen, ct);
            throw new InvalidOperationException("assigner bug");
        });
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Queued);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        var run = await inbox.RunOfAsync(received.ConversationId);
        run.Status.Should().Be(WorkflowRunStatus.Queued);
        run.Steps.Should().Contain(s => s.Kind == WorkflowStepKind.Assign && s.Status == WorkflowStepStatus.Failed);
    }

    [Fact]
    public async Task Assigner_ThatNamesAnAgentItDidNotReserve_QueuesTheConversation()
    {
        Agent? someone = null;
        var assigner = new StubAssigner((_, _) => ValueTask.FromResult(AssignmentDecision.AssignedTo(someone!)));
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        someone = await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Queued);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
    }

    [Fact]
    public async Task Routing_AlwaysHappensBeforeAssignment()
    {
        TeamId? teamSeenByAssigner = null;
        var assigner = new StubAssigner((context, _) =>
        {
            teamSeenByAssigner = context.Conversation.Team;
            return ValueTask.FromResult(AssignmentDecision.LeaveUnassigned);
        });
        using var inbox = WorkflowInbox.Create(w => w.RouteBy(new StubRouter((_, _) => ValueTask.FromResult<TeamId?>(new TeamId("billing")))).AssignBy(assigner));

        var received = await inbox.ReceiveAsync();

        teamSeenByAssigner.Should().Be(new TeamId("billing"));
        var kinds = (await inbox.RunOfAsync(received.ConversationId)).Steps.Select(s => s.Kind).ToArray();
        kinds.Should().Equal(WorkflowStepKind.Route, WorkflowStepKind.Assign);
    }
}
