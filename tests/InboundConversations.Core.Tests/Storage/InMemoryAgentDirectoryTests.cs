using InboundConversations.Storage;

namespace InboundConversations.Tests.Storage;

/// <summary>What the in-memory agent directory chooses where the port leaves the choice to the adapter.</summary>
public sealed class InMemoryAgentDirectoryTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TeamId Team = new("support");

    [Fact]
    public async Task ListReservations_IsOrderedByWorkspaceThenAgentOrdinallyThenConversation_AndPagesInThatOrder()
    {
        var directory = new InMemoryAgentDirectory();
        var (wsA, wsB) = (new WorkspaceId("ws-a"), new WorkspaceId("ws-b"));
        var (zed, amy, ann) = (new AgentId("Zed"), new AgentId("amy"), new AgentId("Ann"));
        await RegisterAsync(directory, wsB, ann);
        await RegisterAsync(directory, wsA, amy);
        await RegisterAsync(directory, wsA, zed);

        // Reserved in an order that matches none of the sort keys.
        var reserved = new[]
        {
            (wsB, ann, Conversation(0x0)),
            (wsA, amy, Conversation(0x5)),
            (wsA, zed, Conversation(0x9)),
            (wsA, amy, Conversation(0x1)),
        };
        foreach (var (workspace, agent, conversation) in reserved)
        {
            (await directory.ReserveAsync(workspace, Team, AgentSelection.Specific(agent), new ConversationVersion(conversation, 1), At, CancellationToken.None))
                .Should().NotBeNull();
        }

        var listed = await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, 10, CancellationToken.None);
        var paged = new List<AgentReservation>();
        AgentReservation? after = null;
        while ((await directory.ListReservationsAsync(DateTimeOffset.MaxValue, after, 1, CancellationToken.None)) is [var next])
        {
            paged.Add(next);
            after = next;
        }

        // Ordinal: "Zed" sorts before "amy" (upper case first), and workspace comes before agent ("Ann" is in ws-b).
        listed.Select(r => (r.Workspace, r.Agent, r.Conversation)).Should().Equal(
            (wsA, zed, Conversation(0x9)),
            (wsA, amy, Conversation(0x1)),
            (wsA, amy, Conversation(0x5)),
            (wsB, ann, Conversation(0x0)));
        paged.Should().Equal(listed);
    }

    [Fact]
    public async Task Reserve_ANewReservation_RecordsTheCallersVersionAsGiven()
    {
        var directory = new InMemoryAgentDirectory();
        var agent = new AgentId("amy");
        await RegisterAsync(directory, default, agent);
        var conversation = new ConversationVersion(Conversation(0x1), -3);

        await directory.ReserveAsync(default, Team, AgentSelection.Specific(agent), conversation, At, CancellationToken.None);

        var listed = await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, 10, CancellationToken.None);
        listed.Should().Equal(new AgentReservation(default, agent, conversation.Conversation, -3, At));
    }

    private static ValueTask<Agent> RegisterAsync(InMemoryAgentDirectory directory, WorkspaceId workspace, AgentId agent) =>
        directory.RegisterAsync(new AgentRegistration { Workspace = workspace, Agent = agent, Teams = [Team], Capacity = 5, InitialPresence = AgentPresence.Online }, CancellationToken.None);

    /// <summary>A conversation id whose first hex digit is <paramref name="first"/>: ids sort by it.</summary>
    private static ConversationId Conversation(int first) => new(Guid.Parse($"{first:x}0000000-0000-7000-8000-000000000001"));
}
