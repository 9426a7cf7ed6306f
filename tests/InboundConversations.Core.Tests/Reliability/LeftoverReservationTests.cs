using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// Invariant 13: capacity is reserved for a conversation, so a reservation taken twice holds one unit, and a reservation
/// a crash or a lost reply left behind (its conversation not assigned to that agent) is released by the background pass
/// once it is older than the grace period (twice the run lease; here 2 minutes), never before, and never one that holds.
/// </summary>
public sealed class LeftoverReservationTests
{
    private static readonly TimeSpan PastTheGrace = TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task CrashBetweenReservingAndStoringTheAssignment_TheResumedRunPicksTheSameAgent_HoldsOneUnit()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("c1", TestInbox.Start);
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"));
        await engine.AddAgentAsync("ana", capacity: 1);
        await DeadEngineReservesAsync(stores, "ana", id);

        (await engine.Engine.ProcessDueAsync()).RunsResumed.Should().Be(1);

        (await engine.Engine.GetConversationAsync(id)).Assignee.Should().Be(new AgentId("ana"), "the agent holding the conversation's unit has room for it");
        (await engine.LoadOfAsync("ana")).Should().Be(1);
    }

    [Fact]
    public async Task CrashBetweenReservingAndStoringTheAssignment_TheResumedRunPicksAnother_ThePassReleasesTheLeftover()
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("c1", TestInbox.Start);
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"));
        await engine.AddAgentAsync("ana", capacity: 3);
        await engine.AddAgentAsync("bob", capacity: 3);
        await DeadEngineReservesAsync(stores, "ana", id);
        await engine.Engine.ProcessDueAsync();
        (await engine.Engine.GetConversationAsync(id)).Assignee.Should().Be(new AgentId("bob"), "least open: ana holds the dead engine's unit");
        (await engine.LoadOfAsync("ana")).Should().Be(1);

        engine.Clock.Advance(PastTheGrace);
        var pass = await engine.Engine.ProcessDueAsync();

        pass.LeftoverReservationsReleased.Should().Be(1);
        (await engine.LoadOfAsync("ana")).Should().Be(0);
        (await engine.LoadOfAsync("bob")).Should().Be(1, "bob's unit is held for a conversation assigned to him");
        engine.Clock.Advance(TimeSpan.FromDays(3));
        (await engine.Engine.ProcessDueAsync()).LeftoverReservationsReleased.Should().Be(0, "a unit whose conversation is the agent's is never released, however old");
    }

    [Fact]
    public async Task ReserveWhoseReplyIsLost_DuringARun_LeavesNoLoadAfterThePass()
    {
        var stores = new SharedStores();
        var plan = new FaultPlan(5);
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"), wrapAgents: inner => new FaultInjectingAgentDirectory(inner, plan));
        await engine.AddAgentAsync("ana", capacity: 2);
        await engine.AddAgentAsync("bob", capacity: 2);
        var lost = 1;
        plan.Override = call => call.Operation == nameof(IAgentDirectory.ReserveAsync) && lost-- > 0 ? FaultKind.FailAfterCommit : null;

        var received = await engine.ReceiveAsync("c1");

        var conversation = await engine.ConversationOfAsync(received);
        conversation.State.Should().Be(ConversationState.Assigned, "the queue assigned it right after the failed step");
        var holder = conversation.Assignee!.Value.Value;
        var other = holder == "ana" ? "bob" : "ana";
        (await engine.LoadOfAsync(holder)).Should().Be(1);
        engine.Clock.Advance(PastTheGrace);
        await engine.Engine.ProcessDueAsync();
        (await engine.LoadOfAsync(holder)).Should().Be(1);
        (await engine.LoadOfAsync(other)).Should().Be(0, "a unit the lost reply left behind is released");
    }

    [Fact]
    public async Task LeftoverOfAClosedConversation_IsReleased_AndItsSeatTakesTheQueue()
    {
        var stores = new SharedStores();
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"));
        await engine.AddAgentAsync("ana", capacity: 1);
        var closed = await engine.ReceiveAsync("c1");
        await engine.CloseAsync(closed.ConversationId, "ana");
        await DeadEngineReservesAsync(stores, "ana", closed.ConversationId);
        var waiting = await engine.ReceiveAsync("c2");
        (await engine.ConversationOfAsync(waiting)).State.Should().Be(ConversationState.Queued, "ana's only unit is held for the closed conversation");

        engine.Clock.Advance(PastTheGrace);
        var pass = await engine.Engine.ProcessDueAsync();

        pass.LeftoverReservationsReleased.Should().Be(1);
        pass.QueuedConversationsAssigned.Should().Be(1);
        (await engine.ConversationOfAsync(waiting)).Assignee.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task ManyLeftovers_AreAllReleasedWithinAFewPasses()
    {
        var stores = new SharedStores();
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"));
        await engine.AddAgentAsync("ana", capacity: 5_000);
        for (var i = 0; i < 1_500; i++)
        {
            await stores.Agents.ReserveAsync(default, new TeamId("support"), AgentSelection.Specific(new AgentId("ana")), new ConversationVersion(ConversationId.New(TestInbox.Start), 1), TestInbox.Start, CancellationToken.None);
        }

        engine.Clock.Advance(PastTheGrace);
        var first = await engine.Engine.ProcessDueAsync();
        var second = await engine.Engine.ProcessDueAsync();

        first.LeftoverReservationsReleased.Should().Be(1_024, "a pass checks a bounded number of reservations");
        second.LeftoverReservationsReleased.Should().Be(476, "the next pass goes on where the last one stopped");
        (await engine.LoadOfAsync("ana")).Should().Be(0);
    }

    /// <summary>What an engine that died between the reservation and the assignment write left in the directory.</summary>
    private static async Task DeadEngineReservesAsync(SharedStores stores, string agent, ConversationId conversation)
    {
        var stored = await stores.Conversations.FindAsync(default, conversation, CancellationToken.None);
        var reserved = await stores.Agents.ReserveAsync(
            default, new TeamId("support"), AgentSelection.Specific(new AgentId(agent)) with { RequireOnline = false },
            ConversationVersion.Of(stored!), TestInbox.Start, CancellationToken.None);
        reserved.Should().NotBeNull();
    }
}
