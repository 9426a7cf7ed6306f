using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// The README's guarantee 5 (capacity) against assigners that misbehave: every reservation an assigner makes and the
/// decision does not keep is given back, however the step ends (timed out, cancelled, reserving twice).
/// </summary>
public sealed class AssignerReservationTests
{
    [Fact]
    public async Task Assigner_ThatReservesAfterItsStepTimedOut_GivesTheLateReservationBack()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? late = null;
        var calls = 0;
        var assigner = new StubAssigner((context, ct) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return AgentAssigners.LeastOpen().AssignAsync(context, ct);
            }

            // The first call ignores its token, outlives the timeout, then reserves.
            var work = LateReserveAsync(context, gate.Task, hung);
            late = work.AsTask();
            return work;
        });
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner), options: o => o.StepTimeout = TimeSpan.FromSeconds(1));
        await inbox.AddAgentAsync("ana");

        var receiving = inbox.ReceiveAsync().AsTask();
        await hung.Task;
        inbox.Clock.Advance(TimeSpan.FromSeconds(1));
        var received = await receiving;
        gate.SetResult();
        await late!;

        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Assignee.Should().Be(new AgentId("ana"), "the queue, drained after the timeout, assigned her");
        (await inbox.LoadOfAsync("ana")).Should().Be(1, "the timed-out step's late reservation was given back");
        (await inbox.RunOfAsync(received.ConversationId)).Steps.Should().Contain(s => s.Kind == WorkflowStepKind.Assign && s.Status == WorkflowStepStatus.TimedOut);
    }

    [Fact]
    public async Task Assigner_ThatReservesTheSameAgentTwice_KeepsOneUnit()
    {
        var assigner = new StubAssigner(async (context, ct) =>
        {
            var first = await context.ReserveAsync(AgentSelection.LeastOpen, ct);
            await context.ReserveAsync(AgentSelection.LeastOpen, ct);
            return AssignmentDecision.AssignedTo(first!);
        });
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana", capacity: 3);

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task Transfer_CancelledWhileTheAssignerHoldsAReservation_GivesItBackAndChangesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelDuringAssignment = false;
        var assigner = new StubAssigner(async (context, ct) =>
        {
            var decision = await AgentAssigners.LeastOpen().AssignAsync(context, ct);
            if (cancelDuringAssignment)
            {
                await cancellation.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }

            return decision;
        });
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("bob");
        await inbox.AddAgentAsync("ana", teams: "billing");
        var received = await inbox.ReceiveAsync();
        var before = await inbox.ConversationOfAsync(received);
        before.Assignee.Should().Be(new AgentId("bob"));

        cancelDuringAssignment = true;
        var transfer = async () => await inbox.Engine.TransferAsync(
            new TransferConversationRequest { ConversationId = received.ConversationId, ToTeam = new TeamId("billing"), TransferredBy = Actor.Agent(new AgentId("bob")) },
            cancellation.Token);

        await transfer.Should().ThrowAsync<OperationCanceledException>();
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        (await inbox.LoadOfAsync("bob")).Should().Be(1);
        (await inbox.ConversationOfAsync(received)).Should().Be(before);
    }

    private static async ValueTask<AssignmentDecision> LateReserveAsync(AssignmentContext context, Task gate, TaskCompletionSource hung)
    {
        hung.SetResult();
        await gate;
        var agent = await context.ReserveAsync(AgentSelection.LeastOpen, CancellationToken.None);
        agent.Should().BeNull("a reservation made after the step ended is given back at once");
        return AssignmentDecision.NoAgentAvailable;
    }
}
