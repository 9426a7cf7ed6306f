using System.Collections.Concurrent;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Xunit.Abstractions;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// Invariants 1, 3, 4 and 5 with the inbound workflow under faults in all three storage ports: every contact-opened
/// conversation gets one run that ends (after the faults stop and the engine resumes), and agent loads stay exact.
/// </summary>
public sealed class FaultyWorkflowTests(ITestOutputHelper output)
{
    private const int Contacts = 120;
    private static readonly string[] Teams = ["support", "sales"];
    private static readonly string[] AgentIds = [.. Teams.SelectMany(t => Enumerable.Range(0, 4).Select(i => $"{t}-agent-{i}"))];

    [Theory]
    [InlineData(20261123)]
    [InlineData(11)]
    public async Task ManyContacts_UnderFaultsInEveryPort_EndWithOneFinishedRunEach_AndExactLoads(int seed)
    {
        var stores = new SharedStores();
        foreach (var agent in AgentIds)
        {
            await stores.Agents.RegisterAsync(new AgentRegistration { Agent = new AgentId(agent), Teams = [new TeamId(agent.Split('-')[0])], Capacity = 8, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        }

        var plan = Plan(seed);
        using var inbox = stores.StartEngine(
            Workflow,
            inner => new FaultInjectingConversationStore(inner, plan),
            inner => new FaultInjectingAgentDirectory(inner, plan),
            inner => new FaultInjectingContactStore(inner, plan));
        var host = new HostRetry();
        var sent = new ConcurrentDictionary<string, IReadOnlyDictionary<string, ConversationId>>();

        await Concurrently.RunAsync(Contacts, async c => sent[$"contact-{c}"] = await ContactCycleAsync(inbox, host, $"contact-{c}"));

        plan.IsEnabled = false;
        inbox.Clock.Advance(TimeSpan.FromMinutes(3)); // past the run lease of every interrupted run, and the grace of every leftover reservation
        var resumed = await inbox.Engine.ProcessDueAsync();
        (await stores.Conversations.ListUnfinishedWorkflowRunsAsync(1_000, CancellationToken.None)).Should().OnlyContain(r => r.Status == WorkflowRunStatus.Queued, "every interrupted run was resumed");

        var invariants = new StoreInvariants(stores.Conversations, stores.Agents);
        await invariants.MessagesAndOpeningsAsync(sent);
        await invariants.RunsAndLoadsAsync(sent.Keys, AgentIds);
        plan.Total.FailedAfterCommit.Should().BePositive();
        plan.ByOperation["IAgentDirectory.ReserveAsync"].FailedAfterCommit.Should().BePositive("replies of reservations are lost too");
        plan.ByOperation["IAgentDirectory.ReleaseAsync"].FailedAfterCommit.Should().BePositive("replies of releases are lost too");
        await invariants.AfterClosingEverythingAsync(inbox.Engine, sent.Keys, AgentIds);
        output.WriteLine($"seed {seed}: {host.Calls} host calls, {host.Retries} retries, {resumed.RunsResumed} runs resumed, {resumed.LeftoverReservationsReleased} leftover reservations released; faults {plan.Total}; {invariants.Checks} invariant checks");
        foreach (var (operation, tally) in plan.ByOperation.Where(o => o.Value.Injected > 0).OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {operation}: {tally}");
        }
    }

    /// <summary>
    /// Faults on every write, lost replies included: reservations are keyed by conversation, so one a lost reply left
    /// behind is released by the background pass once it is older than the grace period. Reservations and releases lose
    /// their reply more often than other writes, so that every seed meets both.
    /// </summary>
    private static FaultPlan Plan(int seed)
    {
        var plan = new FaultPlan(seed, new FaultRates(Transient: 0.1, Delay: 0.15, FailAfterCommit: 0.05));
        plan.SetRates("IAgentDirectory.ReserveAsync", new FaultRates(Transient: 0.1, Delay: 0.15, FailAfterCommit: 0.15));
        plan.SetRates("IAgentDirectory.ReleaseAsync", new FaultRates(Transient: 0.1, Delay: 0.15, FailAfterCommit: 0.3));
        return plan;
    }

    private static void Workflow(InboundWorkflowBuilder workflow) => workflow
        .Enrich(new StubEnricher("team-of-contact", (c, _) =>
        {
            var number = int.Parse(c.Conversation.Contact.Value.Split('-')[1]);
            c.AddFact("team", Teams[number % 2]);
            c.AddContactTag($"seen-by-{Teams[number % 2]}");
            return ValueTask.CompletedTask;
        }))
        .RouteBy(new StubRouter((c, _) => ValueTask.FromResult<TeamId?>(new TeamId(c.Facts["team"]))))
        .DefaultTeam("support");

    /// <summary>A message and its redelivery racing, a second message; a close; the next message opens a new cycle.</summary>
    private static async Task<IReadOnlyDictionary<string, ConversationId>> ContactCycleAsync(TestInbox inbox, HostRetry host, string contact)
    {
        var (first, second, next) = (inbox.Message(contact, $"{contact}-a"), inbox.Message(contact, $"{contact}-b"), inbox.Message(contact, $"{contact}-c"));
        var results = await Task.WhenAll(Task.Run(() => host.ReceiveAsync(inbox.Engine, first)), Task.Run(() => host.ReceiveAsync(inbox.Engine, first)));
        var again = await host.ReceiveAsync(inbox.Engine, second);
        await host.CloseAsync(inbox.Engine, again.ConversationId);
        var reopened = await host.ReceiveAsync(inbox.Engine, next);
        return new Dictionary<string, ConversationId>
        {
            [first.ExternalId] = results[0].ConversationId,
            [second.ExternalId] = again.ConversationId,
            [next.ExternalId] = reopened.ConversationId,
        };
    }
}
