using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Engine;

/// <summary>A transfer to a team asks the assigner for an agent of that team with the facts the conversation's run gathered.</summary>
public sealed class TransferToTeamTests
{
    [Fact]
    public async Task TransferToATeam_AsksTheAssignerWithTheFactsOfTheRun()
    {
        var asked = new List<(TeamId Team, IReadOnlyDictionary<string, string> Facts)>();
        var assigner = new StubAssigner(async (context, ct) =>
        {
            lock (asked)
            {
                asked.Add((context.Team, new Dictionary<string, string>(context.Facts)));
            }

            var agent = await context.ReserveAsync(AgentSelection.LeastOpen, ct);
            return agent is null ? AssignmentDecision.NoAgentAvailable : AssignmentDecision.AssignedTo(agent);
        });
        using var inbox = WorkflowInbox.Create(w => w.Enrich(StubEnricher.Fact("crm", "tier", "gold")).DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob", teams: "billing");
        var received = await inbox.ReceiveAsync("c1");

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = received.ConversationId,
            ToTeam = new TeamId("billing"),
            TransferredBy = Actor.Agent(new AgentId("supervisor")),
        });

        transferred.Assignee.Should().Be(new AgentId("bob"));
        var billing = asked.Should().ContainSingle(a => a.Team == new TeamId("billing")).Which;
        billing.Facts.Should().Contain("tier", "gold");
    }
}
