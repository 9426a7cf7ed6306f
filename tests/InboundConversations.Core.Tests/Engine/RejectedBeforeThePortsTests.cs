using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// The engine checks a request before it writes anything: a request it rejects never reaches a write of the
/// conversation store or the agent directory, so a host's own adapter (which may check less than the in-memory ones,
/// or pay a round trip to refuse) never sees it.
/// </summary>
public sealed class RejectedBeforeThePortsTests
{
    public static TheoryData<string, Type, Func<TestInbox, ConversationId, Task>> Rejected => new()
    {
        { "receive: default contact id", typeof(InvalidIdentifierException), async (i, _) => await i.Engine.ReceiveAsync(i.Message() with { Contact = default }) },
        { "send: closed conversation", typeof(ConversationClosedException), async (i, closed) => await i.SendAsync(closed) },
        { "register: null registration", typeof(ArgumentNullException), async (i, _) => await i.Roster.RegisterAgentAsync(null!) },
        { "register: default agent id", typeof(InvalidIdentifierException), async (i, _) => await i.Roster.RegisterAgentAsync(Registration() with { Agent = default }) },
        { "register: undefined initial presence", typeof(InvalidRequestException), async (i, _) => await i.Roster.RegisterAgentAsync(Registration() with { InitialPresence = (AgentPresence)7 }) },
        { "set presence: default agent id", typeof(InvalidIdentifierException), async (i, _) => await i.Roster.SetPresenceAsync(default, AgentPresence.Away) },
        { "set presence: undefined presence", typeof(InvalidRequestException), async (i, _) => await i.Roster.SetPresenceAsync(new AgentId("ana"), (AgentPresence)42) },
        { "set capacity: default agent id", typeof(InvalidIdentifierException), async (i, _) => await i.Roster.SetCapacityAsync(default, 3) },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task RejectedRequest_ThrowsBeforeAnyWriteReachesAPort(string call, Type expected, Func<TestInbox, ConversationId, Task> act)
    {
        var ports = new PortCalls();
        using var inbox = ports.StartEngine(new SharedStores(), w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        var closed = (await inbox.ReceiveAsync("c1")).ConversationId;
        await inbox.CloseAsync(closed, "ana");
        ports.Clear();

        var thrown = await Record.ExceptionAsync(() => act(inbox, closed));

        thrown.Should().BeOfType(expected, call);
        ports.Writes.Should().BeEmpty($"'{call}' is rejected by the engine, before the ports are written to");
    }

    private static AgentRegistration Registration() => new()
    {
        Agent = new AgentId("nina"),
        Teams = [new TeamId("support")],
        Capacity = 2,
        InitialPresence = AgentPresence.Online,
    };
}
