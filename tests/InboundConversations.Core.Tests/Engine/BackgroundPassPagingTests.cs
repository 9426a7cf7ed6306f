using InboundConversations.Storage;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// The background pass reads reservations and queued teams a page (256) at a time: it goes on past a full page to the
/// next one (never reading the same page again), and stops at a short page.
/// </summary>
public sealed class BackgroundPassPagingTests
{
    private const int Page = 256;
    private static readonly TeamId Support = WorkflowInbox.Support;

    [Fact]
    public async Task Pass_OverAFullPageOfHeldReservations_GoesOnToTheNextPage_AndReleasesTheLeftoverThere()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana", capacity: Page + 1);
        await inbox.AddAgentAsync("zed", capacity: 1);
        for (var i = 0; i < Page; i++)
        {
            // Held: open and assigned to the agent holding the reservation; they sort first (agent "ana").
            var held = Stored(i, ConversationState.Assigned, "ana");
            stores.Conversations.Import(held);
            await ReserveAsync(stores, "ana", held.Id);
        }

        var leftover = ConversationId.New(TestInbox.Start);
        await ReserveAsync(stores, "zed", leftover);
        inbox.Clock.Advance(TimeSpan.FromMinutes(10));

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.LeftoverReservationsReleased.Should().Be(1, "the second page holds zed's leftover");
        (await inbox.LoadOfAsync("zed")).Should().Be(0);
        (await inbox.LoadOfAsync("ana")).Should().Be(Page, "reservations of conversations assigned to their agent are never released");
    }

    [Fact]
    public async Task Pass_WhoseReservationsFitInAPage_ReadsThemOnce()
    {
        var ports = new PortCalls();
        var stores = new SharedStores();
        using var inbox = ports.StartEngine(stores, w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana", capacity: 3);
        await ReserveAsync(stores, "ana", ConversationId.New(TestInbox.Start));
        inbox.Clock.Advance(TimeSpan.FromMinutes(10));
        ports.Clear();

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.LeftoverReservationsReleased.Should().Be(1);
        ports.Count("IAgentDirectory.ListReservationsAsync").Should().Be(1, "a short page ends the round");
    }

    [Fact]
    public async Task Pass_OverMoreThanAPageOfQueuedTeams_DrainsTheTeamsOfTheNextPageToo()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"));
        var teams = Enumerable.Range(0, Page + 1).Select(i => new TeamId($"team-{i:D3}")).ToArray();
        for (var i = 0; i < teams.Length; i++)
        {
            stores.Conversations.Import(Stored(i, ConversationState.Queued, assignee: null, team: teams[i]));
        }

        // Registered behind the engine's back (another process): no drain followed, the pass is what assigns.
        await stores.Agents.RegisterAsync(
            new AgentRegistration { Agent = new AgentId("ana"), Teams = teams, Capacity = teams.Length, InitialPresence = AgentPresence.Online },
            CancellationToken.None);

        var pass = await inbox.Engine.ProcessDueAsync();

        pass.QueuedConversationsAssigned.Should().Be(Page + 1, "every queued team is drained, the 257th on the second page");
        (await inbox.LoadOfAsync("ana")).Should().Be(Page + 1);
    }

    private static Conversation Stored(int i, ConversationState state, string? assignee, TeamId? team = null) => new()
    {
        Workspace = default,
        Id = ConversationId.New(TestInbox.Start),
        Contact = new ContactId($"contact-{i:D3}"),
        Channel = new ChannelId("whatsapp"),
        Source = ConversationSource.Contact,
        OpenedBy = Actor.Contact(new ContactId($"contact-{i:D3}")),
        OpenedAt = TestInbox.Start,
        State = state,
        Team = team ?? Support,
        Assignee = assignee is null ? null : new AgentId(assignee),
        QueuedAt = state == ConversationState.Queued ? TestInbox.Start.AddSeconds(i) : null,
        Version = 1,
    };

    private static async Task ReserveAsync(SharedStores stores, string agent, ConversationId conversation) =>
        (await stores.Agents.ReserveAsync(
            default, Support, AgentSelection.Specific(new AgentId(agent)) with { RequireOnline = false },
            new ConversationVersion(conversation, 1), TestInbox.Start, CancellationToken.None)).Should().NotBeNull();
}
