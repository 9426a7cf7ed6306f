using InboundConversations.Testing;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// After a roster change the engine offers the agent's room to their teams and returns the agent as stored after
/// that drain; a change that leaves the agent offline or full offers nothing, so it costs the directory nothing more
/// than the change itself; a failing read-back returns the agent as the change stored it.
/// </summary>
public sealed class AgentChangeDrainTests
{
    private const string SetPresence = "IAgentDirectory.SetPresenceAsync";
    private const string SetCapacity = "IAgentDirectory.SetCapacityAsync";

    [Fact]
    public async Task SetPresenceOffline_OfAnAgentWithRoom_IsReturnedAsTheDirectoryStoredIt_WithoutADrainOrAReadBack()
    {
        var (ports, inbox) = await StartAsync();
        using var _ = inbox;
        await inbox.AddAgentAsync("ana", capacity: 3);
        ports.Clear();

        var offline = await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline);

        offline.Presence.Should().Be(AgentPresence.Offline);
        ports.Calls.Select(c => c.Name).Should().Equal(SetPresence);
    }

    [Fact]
    public async Task SetCapacity_ThatLeavesTheAgentExactlyFull_IsReturnedAsTheDirectoryStoredIt_WithoutADrainOrAReadBack()
    {
        var (ports, inbox) = await StartAsync();
        using var _ = inbox;
        await inbox.AddAgentAsync("ana", capacity: 2);
        await inbox.ReceiveAsync("c1");
        await inbox.ReceiveAsync("c2");
        ports.Clear();

        var full = await inbox.Roster.SetCapacityAsync(new AgentId("ana"), 2);

        full.OpenConversations.Should().Be(2);
        ports.Calls.Select(c => c.Name).Should().Equal(SetCapacity);
    }

    [Fact]
    public async Task SetCapacity_WhoseReadBackFails_ReturnsTheAgentAsTheChangeStoredIt()
    {
        var (ports, inbox) = await StartAsync();
        using var _ = inbox;
        await inbox.AddAgentAsync("ana", capacity: 1);
        ports.Fault = call => call.Name == "IAgentDirectory.FindAsync" ? FaultKind.Transient : null;

        var changed = await inbox.Roster.SetCapacityAsync(new AgentId("ana"), 3);

        changed.Should().NotBeNull();
        changed.Id.Should().Be(new AgentId("ana"));
        changed.Capacity.Should().Be(3);
        ports.Plan.ByOperation["IAgentDirectory.FindAsync"].Transient.Should().Be(1, "the read-back was tried, and failed");
    }

    [Fact]
    public async Task GetTeamQueue_WithMaxCountOne_ReturnsTheOldestWaiting()
    {
        var (_, inbox) = await StartAsync();
        using var __ = inbox;
        var oldest = await inbox.ReceiveAsync("c1");
        inbox.Clock.Advance(TimeSpan.FromSeconds(1));
        await inbox.ReceiveAsync("c2");

        var queue = await inbox.Roster.GetTeamQueueAsync(WorkflowInbox.Support, maxCount: 1);

        queue.Select(c => c.Id).Should().Equal(oldest.ConversationId);
    }

    private static Task<(PortCalls Ports, TestInbox Inbox)> StartAsync()
    {
        var ports = new PortCalls();
        return Task.FromResult((ports, ports.StartEngine(new SharedStores(), w => w.DefaultTeam("support"))));
    }
}
