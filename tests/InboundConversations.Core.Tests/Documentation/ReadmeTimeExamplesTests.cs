using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Documentation;

/// <summary>The README's "Time" snippets, wired as written, doing what the README says they do.</summary>
public sealed class ReadmeTimeExamplesTests
{
    [Fact]
    public async Task QueueTimeoutSnippet_OverflowsSupportAfterTenMinutes_AndUnassignsTheOverflowAfterTwentyMore()
    {
        using var inbox = new TestInbox(build: b => b.AddInboundWorkflow(workflow => workflow
            .RouteByRules(rules => rules.When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo("billing"))
            .DefaultTeam("support")
            .QueueTimeout(TimeSpan.FromMinutes(10), QueueTimeoutFallback.TransferTo("overflow"))
            .QueueTimeout("overflow", TimeSpan.FromMinutes(20), QueueTimeoutFallback.Unassign())
            .QueueTimeout("billing", TimeSpan.FromHours(4), QueueTimeoutFallback.Close("no-agent-available"))));
        await inbox.AddAgentAsync("away", presence: AgentPresence.Offline, teams: ["support", "overflow"]);
        var queued = await inbox.ReceiveAsync("c1");

        inbox.Clock.Advance(TimeSpan.FromMinutes(10));
        await inbox.Engine.ProcessDueAsync();
        var overflowed = await inbox.ConversationOfAsync(queued);
        inbox.Clock.Advance(TimeSpan.FromMinutes(20));
        await inbox.Engine.ProcessDueAsync();
        var unassigned = await inbox.ConversationOfAsync(queued);

        overflowed.Should().Match<Conversation>(c => c.State == ConversationState.Queued && c.Team == new TeamId("overflow"));
        unassigned.Should().Match<Conversation>(c => c.State == ConversationState.Unassigned && c.Team == new TeamId("overflow"));
        inbox.Events.OfType<ConversationQueueTimedOut>().Select(e => (e.Team.Value, e.Action)).Should().Equal(
            ("support", QueueTimeoutAction.Transfer), ("overflow", QueueTimeoutAction.Unassign));
    }

    [Fact]
    public async Task AutoCloseAndSnoozeSnippets_CloseAfterADayOfSilence_AndParkForFourHours()
    {
        using var inbox = new TestInbox(options =>
        {
            options.AutoCloseAfter = TimeSpan.FromHours(24);
            options.AutoCloseCategory = "auto-closed";
        });
        var timeProvider = inbox.Services.GetRequiredService<TimeProvider>();
        var silent = await inbox.ReceiveAsync("c1");
        await inbox.SendAsync(silent.ConversationId, agent: "ana");
        var conversationId = (await inbox.ReceiveAsync("c2")).ConversationId;

        var snoozed = await inbox.Engine.SnoozeAsync(new SnoozeConversationRequest
        {
            ConversationId = conversationId,
            Until = timeProvider.GetUtcNow().AddHours(4),
            SnoozedBy = Actor.Agent(new AgentId("ana")),
        });
        inbox.Clock.Advance(TimeSpan.FromHours(24));
        var pass = await inbox.Engine.ProcessDueAsync();

        snoozed.State.Should().Be(ConversationState.Snoozed);
        snoozed.SnoozedUntil.Should().Be(TestInbox.Start.AddHours(4));
        pass.Should().Match<ProcessDueResult>(p => p.ConversationsAutoClosed == 1 && p.SnoozesEnded == 1);
        (await inbox.Engine.GetConversationAsync(silent.ConversationId)).Closure!.Category.Should().Be("auto-closed");
    }
}
