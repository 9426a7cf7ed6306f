using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// Invariant 4 across a crash: the engine stops at each step of a run (the store fails every write from that point,
/// as if the process died there), a new engine over the same stores resumes, and the conversation ends assigned or
/// queued, exactly once.
/// </summary>
public sealed class CrashRestartTests
{
    /// <summary>The step a crash interrupts, named by how many conversation-store writes got through before it.</summary>
    public enum CrashPoint
    {
        AfterOpening = 1,      // the message, the conversation and its pending run
        AfterEnrichment = 3,   // + the claim, + the enrichment step
        AfterRouting = 5,      // + the routing step, + the conversation's team
        DuringAssignment = 7,  // + the run's team, + the assignment step (an agent is reserved): the assignment write fails
        AfterAssignment = 8,   // + the assignment: the run's completion fails
    }

    [Theory]
    [InlineData(CrashPoint.AfterOpening, true)]
    [InlineData(CrashPoint.AfterEnrichment, true)]
    [InlineData(CrashPoint.AfterRouting, true)]
    [InlineData(CrashPoint.DuringAssignment, true)]
    [InlineData(CrashPoint.AfterAssignment, true)]
    [InlineData(CrashPoint.AfterOpening, false)]
    [InlineData(CrashPoint.AfterRouting, false)]
    [InlineData(CrashPoint.DuringAssignment, false)]
    public async Task Crash_AtEachStep_ThenRestart_EndsAssignedOrQueued_ExactlyOnce(CrashPoint step, bool agentOnline)
    {
        var stores = new SharedStores();
        await stores.Agents.RegisterAsync(new AgentRegistration { Agent = new AgentId("ana"), Teams = [WorkflowInbox.Support], Capacity = 1, InitialPresence = agentOnline ? AgentPresence.Online : AgentPresence.Offline }, CancellationToken.None);
        var before = StubEnricher.Fact("crm", "tier", "gold");
        ConversationId id;
        var plan = new FaultPlan(1);
        var writes = 0;
        plan.Override = call => call.IsWrite && ++writes > (int)step ? FaultKind.Transient : null;
        using (var crashing = stores.StartEngine(w => Workflow(w, before), inner => new FaultInjectingConversationStore(inner, plan)))
        {
            id = (await crashing.ReceiveAsync()).ConversationId;
        }

        plan.Total.Transient.Should().BePositive("the outage stopped the run");
        var after = StubEnricher.Fact("crm", "tier", "gold");
        using var restarted = stores.StartEngine(w => Workflow(w, after));
        restarted.Clock.Advance(TimeSpan.FromMinutes(2)); // past the crashed engine's run lease
        (await restarted.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);
        (await restarted.Engine.ProcessDueAsync()).RunsResumed.Should().Be(0, "a finished run is never run again");

        var conversation = await restarted.Engine.GetConversationAsync(id);
        var run = await restarted.RunOfAsync(id);
        conversation.State.Should().Be(agentOnline ? ConversationState.Assigned : ConversationState.Queued);
        run.Status.Should().Be(agentOnline ? WorkflowRunStatus.Completed : WorkflowRunStatus.Queued);
        run.Attempts.Should().Be(step == CrashPoint.AfterOpening ? 1 : 2, "the crashed engine's claim counts as an attempt once stored");
        run.Steps.Count(s => s.Kind == WorkflowStepKind.Enrich).Should().Be(1);
        (before.Calls + after.Calls).Should().Be(1, "an enrichment recorded is not run again");
        run.Team.Should().Be(WorkflowInbox.Support);
        (await restarted.LoadOfAsync("ana")).Should().Be(agentOnline ? 1 : 0, "the agent is counted once, for this conversation");
        (await stores.Conversations.ListByContactAsync(default, new ContactId("contact-1"), CancellationToken.None)).Should().ContainSingle();
    }

    private static void Workflow(InboundWorkflowBuilder workflow, StubEnricher enricher) => workflow
        .Enrich(enricher)
        .RouteBy(new StubRouter((_, _) => ValueTask.FromResult<TeamId?>(WorkflowInbox.Support)));
}
