using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// Invariant 12: a person's decision during a run wins and ends the run. While an enricher or the router is working, a
/// person assigns, transfers, unassigns or closes the conversation: the call that started the run returns with the run
/// ended as the conversation shows, its claim released, and nothing logged as an error.
/// </summary>
public sealed class TakeoverDuringRunTests
{
    public static TheoryData<string, string> Takeovers()
    {
        var data = new TheoryData<string, string>();
        foreach (var step in new[] { "enrich", "route" })
        {
            foreach (var change in new[] { "assign", "transfer to an agent's team", "transfer to an empty team", "unassign", "close" })
            {
                data.Add(step, change);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Takeovers))]
    public async Task PersonsChange_WhileAStepWorks_EndsTheRunWithWhatTheyStored(string step, string change)
    {
        var hold = new Hold();
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w =>
            {
                if (step == "enrich")
                {
                    w.Enrich(new StubEnricher("held", (c, ct) => hold.WaitAsync(c.Conversation.Id, ct)));
                }

                w.RouteBy(new StubRouter(async (c, ct) =>
                {
                    if (step == "route")
                    {
                        await hold.WaitAsync(c.Conversation.Id, ct);
                    }

                    return new TeamId("support");
                }));
            }),
            services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana", capacity: 2);
        await inbox.AddAgentAsync("bob", capacity: 2, teams: "billing");
        var person = Actor.Agent(new AgentId("supervisor"));

        var receiving = inbox.ReceiveAsync().AsTask();
        var id = await hold.Entered;
        var stored = change switch
        {
            "assign" => await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = id, Agent = new AgentId("ana"), AssignedBy = person }),
            "transfer to an agent's team" => await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = new TeamId("billing"), TransferredBy = person }),
            "transfer to an empty team" => await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = new TeamId("sales"), TransferredBy = person }),
            "unassign" => await inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = id, UnassignedBy = person }),
            _ => await inbox.Engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = person }),
        };
        hold.Release();
        var received = await receiving;

        received.ConversationId.Should().Be(id);
        var conversation = await inbox.ConversationOfAsync(received);
        conversation.Should().Be(stored, "the run stored nothing over the person's change");
        var run = await inbox.RunOfAsync(id);
        run.Status.Should().Be(change == "transfer to an empty team" ? WorkflowRunStatus.Queued : WorkflowRunStatus.Completed);
        run.Agent.Should().Be(stored.Assignee);
        run.Team.Should().Be(stored.Team);
        run.ClaimExpiresAt.Should().BeNull("the run let go of its claim");
        (await inbox.LoadOfAsync("ana")).Should().Be(change == "assign" ? 1 : 0);
        (await inbox.LoadOfAsync("bob")).Should().Be(change == "transfer to an agent's team" ? 1 : 0);
        inbox.Logs().Should().NotContain(r => r.Level >= LogLevel.Error, "a person taking over a run is normal");
    }

    [Fact]
    public async Task TransferToAnEmptyTeam_DuringARun_LeavesTheRunQueuedUntilThatTeamHasSomeone()
    {
        var hold = new Hold();
        using var inbox = WorkflowInbox.Create(w => w.Enrich(new StubEnricher("held", (c, ct) => hold.WaitAsync(c.Conversation.Id, ct))).DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        var receiving = inbox.ReceiveAsync().AsTask();
        var id = await hold.Entered;
        await inbox.Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = new TeamId("sales"), TransferredBy = Actor.Api("crm") });
        hold.Release();
        await receiving;

        await inbox.AddAgentAsync("sam", teams: "sales");

        var run = await inbox.RunOfAsync(id);
        run.Status.Should().Be(WorkflowRunStatus.Completed);
        run.Agent.Should().Be(new AgentId("sam"));
        run.Team.Should().Be(new TeamId("sales"));
    }

    /// <summary>A step that waits until the test releases it, and tells the test which conversation it works on.</summary>
    private sealed class Hold
    {
        private readonly TaskCompletionSource<ConversationId> _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ConversationId> Entered => _entered.Task;

        public async ValueTask WaitAsync(ConversationId conversation, CancellationToken cancellationToken)
        {
            _entered.TrySetResult(conversation);
            await _release.Task.WaitAsync(cancellationToken);
        }

        public void Release() => _release.TrySetResult();
    }
}
