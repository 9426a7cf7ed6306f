using InboundConversations.Storage;
using InboundConversations.Testing.Internal;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class AgentDirectoryContract
{
    /// <summary>Reserving an agent twice for one conversation holds one unit; their load counts conversations, not calls.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_TwiceForOneConversation_HoldsOneUnit()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 3);
        var (first, second) = (StoreSamples.NewConversation(), StoreSamples.NewConversation());

        var once = await ReserveAsync(directory, team, AgentSelection.Specific(a), first);
        var twice = await ReserveAsync(directory, team, AgentSelection.Specific(a), first);
        var other = await ReserveAsync(directory, team, AgentSelection.LeastOpen, second);
        var otherAgain = await ReserveAsync(directory, team, AgentSelection.RoundRobin, second);

        Assert.Equal(1, once?.OpenConversations);
        Assert.Equal(1, twice?.OpenConversations);
        Assert.Equal(2, other?.OpenConversations);
        Assert.Equal(2, otherAgain?.OpenConversations);
        Assert.Equal(2, await LoadOfAsync(directory, a));
    }

    /// <summary>Many callers reserving one agent for one conversation at once: all get the agent, who holds one unit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_RacingForOneConversation_HoldsOneUnit()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2);
        var conversation = StoreSamples.NewConversation();
        var at = Samples.NextTime();

        var reserved = await RaceAsync(24, i => directory.ReserveAsync(default, team, AgentSelection.Specific(a), conversation, at.AddMilliseconds(i), CancellationToken.None));

        Assert.All(reserved, r => Assert.Equal(a, r?.Id));
        Assert.Equal(1, await LoadOfAsync(directory, a));
    }

    /// <summary>
    /// An agent at capacity who already holds the conversation's reservation has room for it, in every order; an agent
    /// at capacity who does not hold it is never picked.
    /// </summary>
    /// <param name="order">How agents are picked.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder]
    public virtual async Task Reserve_AtCapacity_PicksTheAgentOnlyForTheConversationTheyHold(AgentOrder order)
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 1);
        var held = StoreSamples.NewConversation();
        await ReserveAsync(directory, team, AgentSelection.Specific(a), held);

        var again = await ReserveAsync(directory, team, new AgentSelection(order, a), held with { Version = 4 });
        var another = await ReserveAsync(directory, team, new AgentSelection(order, a));

        Assert.Equal(a, again?.Id);
        Assert.Equal(1, again?.OpenConversations);
        Assert.Null(another);
    }

    /// <summary>Holding a conversation's reservation does not make an offline agent, or an agent out of the team, eligible for it.</summary>
    /// <param name="order">How agents are picked.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder]
    public virtual async Task Reserve_ForAHeldConversation_StillRequiresPresenceAndMembership(AgentOrder order)
    {
        var directory = CreateDirectory();
        var (sales, support) = (Samples.NewTeam(), Samples.NewTeam());
        var (a, b) = Agents();
        await RegisterAsync(directory, a, [sales, support], capacity: 1);
        await RegisterAsync(directory, b, [sales], capacity: 1);
        var (heldByA, heldByB) = (StoreSamples.NewConversation(), StoreSamples.NewConversation());
        await ReserveAsync(directory, sales, AgentSelection.Specific(a), heldByA);
        await ReserveAsync(directory, sales, AgentSelection.Specific(b), heldByB);

        await directory.SetPresenceAsync(default, a, AgentPresence.Offline, CancellationToken.None);
        var offline = await ReserveAsync(directory, sales, new AgentSelection(order, a, RequireOnline: false), heldByA);
        await directory.SetPresenceAsync(default, b, AgentPresence.Away, CancellationToken.None);
        var awayWhenOnlineRequired = await ReserveAsync(directory, sales, new AgentSelection(order, b), heldByB);
        await directory.RegisterAsync(new AgentRegistration { Agent = b, Teams = [support], Capacity = 1 }, CancellationToken.None);
        var outOfTheTeam = await ReserveAsync(directory, sales, new AgentSelection(order, b, RequireOnline: false), heldByB);

        Assert.Null(offline);
        Assert.Null(awayWhenOnlineRequired);
        Assert.Null(outOfTheTeam);
        Assert.Equal(1, await LoadOfAsync(directory, a));
        Assert.Equal(1, await LoadOfAsync(directory, b));
    }

    /// <summary>
    /// A release gives back only a reservation taken for an earlier version of the conversation: one taken for the
    /// version the caller names, or a later one, belongs to an assignment still being written and stays.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Release_KeepsAReservationTakenForThatVersionOrALaterOne()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2);
        var conversation = StoreSamples.NewConversation() with { Version = 5 };
        await ReserveAsync(directory, team, AgentSelection.Specific(a), conversation);

        var sameVersion = await directory.ReleaseAsync(default, a, conversation, CancellationToken.None);
        var earlierVersion = await directory.ReleaseAsync(default, a, conversation with { Version = 3 }, CancellationToken.None);
        await ReserveAsync(directory, team, AgentSelection.Specific(a), conversation with { Version = 2 });
        var renewedWithAnOlderVersion = await directory.ReleaseAsync(default, a, conversation, CancellationToken.None);
        var laterVersion = await directory.ReleaseAsync(default, a, conversation with { Version = 6 }, CancellationToken.None);

        Assert.Equal(1, sameVersion.OpenConversations);
        Assert.Equal(1, earlierVersion.OpenConversations);
        Assert.Equal(1, renewedWithAnOlderVersion.OpenConversations);
        Assert.Equal(0, laterVersion.OpenConversations);
    }

    /// <summary>
    /// Listing returns the reservations last taken before the given time, in every workspace, with their conversation,
    /// version and time; paging with the last one returned visits each exactly once.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListReservations_ReturnsThoseTakenBeforeTheTime_PagedOnceEach()
    {
        var directory = CreateDirectory();
        var team = Samples.NewTeam();
        var (a, b) = Agents();
        var elsewhere = new WorkspaceId($"ws-{Guid.NewGuid():N}");
        await RegisterAsync(directory, a, [team], capacity: 5);
        await RegisterAsync(directory, b, [team], capacity: 5);
        await directory.RegisterAsync(new AgentRegistration { Workspace = elsewhere, Agent = a, Teams = [team], Capacity = 5, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        var start = Samples.NextTime();
        var expected = new List<AgentReservation>();
        for (var i = 0; i < 7; i++)
        {
            var (workspace, agent) = i switch { < 3 => (default(WorkspaceId), a), < 5 => (default, b), _ => (elsewhere, a) };
            var conversation = StoreSamples.NewConversation() with { Version = i + 1 };
            var at = start.AddMinutes(i);
            await directory.ReserveAsync(workspace, team, AgentSelection.Specific(agent), conversation, at, CancellationToken.None);
            expected.Add(new AgentReservation(workspace, agent, conversation.Conversation, conversation.Version, at));
        }

        var late = StoreSamples.NewConversation();
        await directory.ReserveAsync(default, team, AgentSelection.Specific(b), late, start.AddMinutes(10), CancellationToken.None);

        var pages = new List<IReadOnlyList<AgentReservation>>();
        AgentReservation? after = null;
        do
        {
            pages.Add(await directory.ListReservationsAsync(start.AddMinutes(10), after, 2, CancellationToken.None));
            after = pages[^1].Count > 0 ? pages[^1][^1] : null;
        }
        while (pages[^1].Count == 2);

        var mine = pages.SelectMany(p => p).Where(r => r.Agent == a || r.Agent == b).ToArray();
        Assert.All(pages, p => Assert.True(p.Count <= 2));
        Assert.Equal(expected.OrderBy(r => r.Conversation.Value), mine.OrderBy(r => r.Conversation.Value));
        Assert.DoesNotContain(pages.SelectMany(p => p), r => r.Conversation == late.Conversation);
        var beforeTheFirst = await directory.ListReservationsAsync(start, null, int.MaxValue, CancellationToken.None);
        Assert.DoesNotContain(beforeTheFirst, r => r.Agent == a || r.Agent == b);
    }

    /// <summary>Taking a reservation again renews it: a later time, and the higher of the two versions.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_Again_RenewsTheReservationsTimeAndKeepsTheHigherVersion()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2);
        var conversation = StoreSamples.NewConversation() with { Version = 7 };
        await ReserveAsync(directory, team, AgentSelection.Specific(a), conversation);
        var renewedAt = Samples.NextTime();

        await directory.ReserveAsync(default, team, AgentSelection.Specific(a), conversation with { Version = 3 }, renewedAt, CancellationToken.None);

        var listed = await ReservationOfAsync(directory, a, conversation.Conversation);
        Assert.Equal(new AgentReservation(default, a, conversation.Conversation, 7, renewedAt), listed);
        Assert.Equal(renewedAt, (await directory.FindAsync(default, a, CancellationToken.None))?.LastAssignedAt);
    }

    /// <summary>A stale release gives back a reservation still as listed, once; one renewed since it was listed stays.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ReleaseStale_GivesBackOnlyAReservationNotRenewedSinceListed()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 3);
        var (stale, renewed) = (StoreSamples.NewConversation(), StoreSamples.NewConversation());
        await ReserveAsync(directory, team, AgentSelection.Specific(a), stale);
        await ReserveAsync(directory, team, AgentSelection.Specific(a), renewed);
        var listedStale = await ReservationOfAsync(directory, a, stale.Conversation);
        var listedRenewed = await ReservationOfAsync(directory, a, renewed.Conversation);
        await ReserveAsync(directory, team, AgentSelection.Specific(a), renewed);

        var first = await directory.ReleaseStaleAsync(listedStale!, CancellationToken.None);
        var second = await directory.ReleaseStaleAsync(listedStale!, CancellationToken.None);
        var renewedOne = await directory.ReleaseStaleAsync(listedRenewed!, CancellationToken.None);
        var unknownWorkspace = await directory.ReleaseStaleAsync(listedRenewed! with { Workspace = new WorkspaceId($"ws-{Guid.NewGuid():N}") }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.False(renewedOne);
        Assert.False(unknownWorkspace);
        Assert.Null(await ReservationOfAsync(directory, a, stale.Conversation));
        Assert.NotNull(await ReservationOfAsync(directory, a, renewed.Conversation));
        Assert.Equal(1, await LoadOfAsync(directory, a));
    }

    /// <summary>An online agent registered again with other teams is no longer reserved for the teams they left, in any order.</summary>
    /// <param name="order">How agents are picked.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder]
    public virtual async Task Register_AnOnlineAgentAgainWithOtherTeams_IsNoLongerReservedForTheOldOnes(AgentOrder order)
    {
        var directory = CreateDirectory();
        var (sales, support) = (Samples.NewTeam(), Samples.NewTeam());
        var a = Samples.NewAgent();
        await RegisterAsync(directory, a, [sales], capacity: 4, presence: AgentPresence.Online);
        await ReserveAsync(directory, sales, AgentSelection.Specific(a));

        await directory.RegisterAsync(new AgentRegistration { Agent = a, Teams = [support], Capacity = 4 }, CancellationToken.None);

        Assert.Null(await ReserveAsync(directory, sales, new AgentSelection(order, a)));
        Assert.Equal(a, (await ReserveAsync(directory, support, new AgentSelection(order, a)))?.Id);
        Assert.Equal(2, await LoadOfAsync(directory, a));
    }

    private static async Task<AgentReservation?> ReservationOfAsync(IAgentDirectory directory, AgentId agent, ConversationId conversation)
    {
        AgentReservation? after = null;
        while (true)
        {
            var page = await directory.ListReservationsAsync(DateTimeOffset.MaxValue, after, 500, CancellationToken.None).ConfigureAwait(false);
            if (page.FirstOrDefault(r => r.Agent == agent && r.Conversation == conversation) is { } found)
            {
                return found;
            }

            if (page.Count < 500)
            {
                return null;
            }

            after = page[^1];
        }
    }
}
