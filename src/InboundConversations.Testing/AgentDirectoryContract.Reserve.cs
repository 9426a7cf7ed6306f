using InboundConversations.Storage;
using InboundConversations.Testing.Internal;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class AgentDirectoryContract
{
    /// <summary>
    /// Many reservations racing over a team, round after round: exactly the team's total capacity succeeds, every
    /// agent ends at their capacity and nobody above it, whatever the order.
    /// </summary>
    /// <param name="order">How agents are picked.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder(ButSpecific = true)]
    public virtual async Task Reserve_Racing_NeverExceedsCapacity(AgentOrder order)
    {
        var directory = CreateDirectory();
        for (var round = 0; round < 20; round++)
        {
            var (team, agents) = await TeamOfAsync(directory, agents: 5, capacity: 3);

            var at = Samples.NextTime();
            var reserved = await RaceAsync(64, i => directory.ReserveAsync(default, team, new AgentSelection(order), StoreSamples.NewConversation(), at.AddMilliseconds(i), CancellationToken.None));

            var granted = reserved.Where(r => r is not null).Select(r => r!).ToArray();
            Assert.Equal(15, granted.Length);
            Assert.All(granted, r => Assert.True(r.OpenConversations <= r.Capacity, $"{r.Id} reserved at {r.OpenConversations} of {r.Capacity}"));
            Assert.All(agents, a => Assert.Equal(3, granted.Count(r => r.Id == a)));
            Assert.All(await directory.ListTeamMembersAsync(default, team, CancellationToken.None), a => Assert.Equal(3, a.OpenConversations));
        }
    }

    /// <summary>Many reservations racing for one specific agent: exactly their capacity succeeds.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_RacingForOneSpecificAgent_NeverExceedsTheirCapacity()
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 2, capacity: 3);
        var (a, b) = (agents[0], agents[1]);

        var reserved = await RaceAsync(32, _ => directory.ReserveAsync(default, team, AgentSelection.Specific(a), StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None));

        Assert.Equal(3, reserved.Count(r => r is not null));
        Assert.All(reserved.Where(r => r is not null), r => Assert.Equal(a, r!.Id));
        Assert.Equal(3, await LoadOfAsync(directory, a));
        Assert.Equal(0, await LoadOfAsync(directory, b));
    }

    /// <summary>An offline agent is never reserved, in any order, whether or not away agents qualify.</summary>
    /// <param name="order">How agents are picked.</param>
    /// <param name="requireOnline">Whether only online agents qualify.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder(RequireOnlineBothWays = true)]
    public virtual async Task Reserve_NeverPicksAnOfflineAgent(AgentOrder order, bool requireOnline)
    {
        var directory = CreateDirectory();
        var team = Samples.NewTeam();
        var (neverOnline, wentOffline) = Agents();
        await RegisterAsync(directory, neverOnline, [team], capacity: 5, presence: AgentPresence.Offline);
        await RegisterAsync(directory, wentOffline, [team], capacity: 5);
        await directory.SetPresenceAsync(default, wentOffline, AgentPresence.Offline, CancellationToken.None);

        Assert.Null(await ReserveAsync(directory, team, new AgentSelection(order, neverOnline, requireOnline)));
        Assert.Null(await ReserveAsync(directory, team, new AgentSelection(order, wentOffline, requireOnline)));

        Assert.All(await directory.ListTeamMembersAsync(default, team, CancellationToken.None), a => Assert.Equal(0, a.OpenConversations));
    }

    /// <summary>An away agent is reserved only when the selection lets away agents qualify.</summary>
    /// <param name="order">How agents are picked.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder]
    public virtual async Task Reserve_PicksAnAwayAgentOnlyWhenOnlineIsNotRequired(AgentOrder order)
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 5, presence: AgentPresence.Away);

        var onlineOnly = await ReserveAsync(directory, team, new AgentSelection(order, a, RequireOnline: true));
        var awayToo = await ReserveAsync(directory, team, new AgentSelection(order, a, RequireOnline: false));

        Assert.Null(onlineOnly);
        Assert.Equal(a, awayToo?.Id);
        Assert.Equal(1, await LoadOfAsync(directory, a));
    }

    /// <summary>Only members of the team are reserved for it, also when the selection names a non-member.</summary>
    /// <param name="order">How agents are picked.</param>
    /// <returns>A task.</returns>
    [Theory]
    [EveryAgentOrder]
    public virtual async Task Reserve_PicksOnlyMembersOfTheTeam(AgentOrder order)
    {
        var directory = CreateDirectory();
        var (sales, support) = (Samples.NewTeam(), Samples.NewTeam());
        var (inSales, inSupport) = Agents();
        await RegisterAsync(directory, inSales, [sales], capacity: 5);
        await RegisterAsync(directory, inSupport, [support], capacity: 5);

        for (var i = 0; i < 3; i++)
        {
            var forSales = await ReserveAsync(directory, sales, new AgentSelection(order, order == AgentOrder.Specific && i == 0 ? inSupport : inSales));
            Assert.True(forSales is null || forSales.Id == inSales, $"{forSales?.Id} is not in the sales team");
        }

        Assert.Null(await ReserveAsync(directory, Samples.NewTeam(), new AgentSelection(order, inSales)));
        Assert.Equal(0, await LoadOfAsync(directory, inSupport));
        Assert.Equal(order == AgentOrder.Specific ? 2 : 3, await LoadOfAsync(directory, inSales));
    }

    /// <summary>A specific selection reserves only that agent, and nobody else once they are full; it records the time and the load.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_Specific_PicksOnlyThatAgent()
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 3, capacity: 2);

        var at = Samples.NextTime();
        var first = await directory.ReserveAsync(default, team, AgentSelection.Specific(agents[1]), StoreSamples.NewConversation(), at, CancellationToken.None);
        var second = await ReserveAsync(directory, team, AgentSelection.Specific(agents[1]));
        var full = await ReserveAsync(directory, team, AgentSelection.Specific(agents[1]));

        Assert.Equal(agents[1], first?.Id);
        Assert.Equal(1, first?.OpenConversations);
        Assert.Equal(at, first?.LastAssignedAt);
        Assert.Equal(agents[1], second?.Id);
        Assert.Null(full);
        var loads = await LoadsAsync(directory, agents);
        Assert.Equal([0, 2, 0], loads);
    }

    /// <summary>Least open picks the agent with the fewest open conversations, even the most recently assigned; ties go to the longest idle.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_LeastOpen_PicksTheLeastLoaded()
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 3, capacity: 5);
        var (a, b, c) = (agents[0], agents[1], agents[2]);

        // a: 2 open, last at t2; c: 1 open, last at t3; b: 0 open, last at t4 (the most recent).
        await ReserveSpecificAsync(directory, team, a);
        await ReserveSpecificAsync(directory, team, a);
        await ReserveSpecificAsync(directory, team, c);
        await ReleaseAsync(directory, b, await ReserveSpecificAsync(directory, team, b));

        var picks = await PicksAsync(directory, team, AgentSelection.LeastOpen, count: 3);

        // b (0 open); then b and c tie at 1 and c is idle longer; then b (1) before a and c (2).
        Assert.Equal([b, c, b], picks);
    }

    /// <summary>Least open ties: an agent never assigned goes first, then the one whose last assignment is oldest, whatever their ids.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_LeastOpen_TiesGoToTheNeverAssignedThenTheLongestIdle()
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 3, capacity: 5);
        var (a, b, c) = (agents[0], agents[1], agents[2]);

        // All at 0 open: c last assigned at t1, a at t2, b never.
        var heldByC = await ReserveSpecificAsync(directory, team, c);
        var heldByA = await ReserveSpecificAsync(directory, team, a);
        await ReleaseAsync(directory, c, heldByC);
        await ReleaseAsync(directory, a, heldByA);

        var picks = await PicksAsync(directory, team, AgentSelection.LeastOpen, count: 3);

        Assert.Equal([b, c, a], picks);
    }

    /// <summary>Longest idle picks the agent whose last assignment is oldest (never assigned counts as oldest), whatever their load.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_LongestIdle_PicksTheOldestLastAssignment()
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 4, capacity: 5);
        var (a, b, c, d) = (agents[0], agents[1], agents[2], agents[3]);

        // a: 2 open, last at t2; b: 0 open, last at t3; c: 1 open, last at t4; d: never assigned.
        await ReserveSpecificAsync(directory, team, a);
        await ReserveSpecificAsync(directory, team, a);
        await ReleaseAsync(directory, b, await ReserveSpecificAsync(directory, team, b));
        await ReserveSpecificAsync(directory, team, c);

        var picks = await PicksAsync(directory, team, AgentSelection.LongestIdle, count: 5);

        Assert.Equal([d, a, b, c, d], picks);
        var loads = await LoadsAsync(directory, agents);
        Assert.Equal([3, 1, 2, 2], loads);
    }

    /// <summary>Round robin, one reservation after another with releases in between: every agent gets the same count ±1, and any run of n picks over n agents names each once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reserve_RoundRobin_Sequential_GivesEvenCounts()
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 7, capacity: 3);

        var picks = new List<AgentId>();
        var held = new List<ConversationVersion>();
        for (var i = 0; i < 100; i++)
        {
            held.Add(StoreSamples.NewConversation());
            var picked = await ReserveAsync(directory, team, AgentSelection.RoundRobin, held[i]);
            Assert.NotNull(picked);
            picks.Add(picked.Id);
            if (i % 2 == 1)
            {
                await ReleaseAsync(directory, picks[i - 1], held[i - 1]);
                await ReleaseAsync(directory, picks[i], held[i]);
            }
        }

        AssertEven(agents, picks);
        for (var start = 0; start + agents.Length <= picks.Count; start++)
        {
            Assert.Equal(agents.Length, picks.Skip(start).Take(agents.Length).Distinct().Count());
        }
    }

    /// <summary>Round robin under concurrent reservations, with capacity to spare: every one succeeds and every agent gets the same count ±1.</summary>
    /// <param name="releaseAfterEach">Whether each caller releases its agent right after reserving.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public virtual async Task Reserve_RoundRobin_Concurrent_GivesEvenCounts(bool releaseAfterEach)
    {
        var directory = CreateDirectory();
        var (team, agents) = await TeamOfAsync(directory, agents: 7, capacity: 100);

        var at = Samples.NextTime();
        var picks = await RaceAsync(100, async i =>
        {
            var conversation = StoreSamples.NewConversation();
            var picked = await directory.ReserveAsync(default, team, AgentSelection.RoundRobin, conversation, at.AddMilliseconds(i), CancellationToken.None).ConfigureAwait(false);
            Assert.NotNull(picked);
            if (releaseAfterEach)
            {
                await ReleaseAsync(directory, picked.Id, conversation).ConfigureAwait(false);
            }

            return picked.Id;
        });

        AssertEven(agents, picks);
        var loads = await LoadsAsync(directory, agents);
        Assert.Equal(releaseAfterEach ? 0 : 100, loads.Sum());
    }

    private static void AssertEven(AgentId[] agents, IReadOnlyCollection<AgentId> picks)
    {
        var counts = agents.Select(a => picks.Count(p => p == a)).ToArray();
        Assert.Equal(picks.Count, counts.Sum());
        Assert.True(counts.Max() - counts.Min() <= 1, $"round robin counts are uneven: {string.Join(", ", counts)}");
    }

    private static async Task<int[]> LoadsAsync(IAgentDirectory directory, AgentId[] agents)
    {
        var loads = new int[agents.Length];
        for (var i = 0; i < agents.Length; i++)
        {
            loads[i] = await LoadOfAsync(directory, agents[i]).ConfigureAwait(false) ?? -1;
        }

        return loads;
    }

    /// <summary>The agents that <paramref name="count"/> reservations in a row pick, each for a fresh conversation.</summary>
    private async Task<List<AgentId?>> PicksAsync(IAgentDirectory directory, TeamId team, AgentSelection selection, int count)
    {
        var picks = new List<AgentId?>();
        for (var i = 0; i < count; i++)
        {
            picks.Add((await ReserveAsync(directory, team, selection).ConfigureAwait(false))?.Id);
        }

        return picks;
    }

    private async Task<ConversationVersion> ReserveSpecificAsync(IAgentDirectory directory, TeamId team, AgentId agent)
    {
        var conversation = StoreSamples.NewConversation();
        var reserved = await ReserveAsync(directory, team, AgentSelection.Specific(agent), conversation).ConfigureAwait(false);
        Assert.Equal(agent, reserved?.Id);
        return conversation;
    }
}
