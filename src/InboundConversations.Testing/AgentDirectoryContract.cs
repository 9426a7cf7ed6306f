using InboundConversations.Storage;
using InboundConversations.Testing.Internal;
using Xunit;

namespace InboundConversations.Testing;

/// <summary>
/// The contract every <see cref="IAgentDirectory"/> must keep (the README, guarantee 5 and "Writing a storage adapter": capacity reserved
/// atomically, only available members of the routed team, workspaces isolated), as xunit tests. Inherit it in your
/// adapter's test project and override <see cref="CreateDirectory"/>; every test then runs against your directory.
/// </summary>
/// <example>
/// <code>
/// [Collection(nameof(TestDatabase))]
/// public sealed class SqlAgentDirectoryTests(TestDatabase database) : AgentDirectoryContract
/// {
///     protected override IAgentDirectory CreateDirectory() => new SqlAgentDirectory(database.DataSource);
/// }
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Each test calls <see cref="CreateDirectory"/> once and uses fresh agent and team ids, so a directory over a
/// shared database need not be emptied between tests. The race tests start many callers at once on the thread pool.
/// </para>
/// <para>
/// Every test is <c>public virtual</c>. To skip one, override it with the reason:
/// <c>[Fact(Skip = "why")] public override Task Name() => base.Name();</c> (a theory: <c>[Theory(Skip = "why")]</c>
/// and one <c>[InlineData]</c> row, as xunit's analyzer asks); xunit reports it skipped, once. An override without
/// attributes keeps the test's own and its rows, so it can add to the test and call <c>base</c>. Derive from
/// <see cref="StorageContractCoverage"/> once, so that a suite the project forgot fails the run.
/// </para>
/// </remarks>
public abstract partial class AgentDirectoryContract
{
    /// <summary>The time the samples start at.</summary>
    protected static readonly DateTimeOffset SampleStart = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Fresh ids and times for the tests.</summary>
    protected StoreSamples Samples { get; } = new(SampleStart);

    /// <summary>Creates the directory under test.</summary>
    /// <returns>A directory ready for use; it may already hold data of other tests.</returns>
    protected abstract IAgentDirectory CreateDirectory();

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="call"/> at once and waits for all.</summary>
    /// <typeparam name="T">What each call returns.</typeparam>
    /// <param name="count">How many callers.</param>
    /// <param name="call">The call, given the caller's index.</param>
    /// <returns>Every caller's result, in caller order.</returns>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, ValueTask<T>> call) => Race.RunAsync(count, call);

    /// <summary>Registering an agent stores their teams, capacity and initial presence, with no load; reads find them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Register_ThenFindAndListTeam_ReturnTheAgent()
    {
        var directory = CreateDirectory();
        var (sales, support) = (Samples.NewTeam(), Samples.NewTeam());
        var (a, b) = Agents();

        var registered = await directory.RegisterAsync(new AgentRegistration { Agent = a, Teams = [sales, support], Capacity = 3, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        await directory.RegisterAsync(new AgentRegistration { Agent = b, Teams = [sales], Capacity = 1 }, CancellationToken.None);

        AssertAgent(registered, a, [sales, support], 3, AgentPresence.Online, load: 0);
        Assert.Null(registered.LastAssignedAt);
        AssertAgent(await directory.FindAsync(default, a, CancellationToken.None), a, [sales, support], 3, AgentPresence.Online, load: 0);
        AssertAgent(await directory.FindAsync(default, b, CancellationToken.None), b, [sales], 1, AgentPresence.Offline, load: 0);
        Assert.Equal([a, b], (await directory.ListTeamMembersAsync(default, sales, CancellationToken.None)).Select(m => m.Id));
        Assert.Equal([a], (await directory.ListTeamMembersAsync(default, support, CancellationToken.None)).Select(m => m.Id));
        Assert.Null(await directory.FindAsync(default, Samples.NewAgent(), CancellationToken.None));
        Assert.Empty(await directory.ListTeamMembersAsync(default, Samples.NewTeam(), CancellationToken.None));
    }

    /// <summary>Registering a known agent again changes their teams and capacity and keeps their presence, load and last assignment.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Register_AKnownAgentAgain_KeepsPresenceAndLoadAndChangesTeamsAndCapacity()
    {
        var directory = CreateDirectory();
        var (sales, a) = await TeamOfOneAsync(directory, capacity: 2);
        var support = Samples.NewTeam();
        var at = Samples.NextTime();
        await directory.ReserveAsync(default, sales, AgentSelection.Specific(a), StoreSamples.NewConversation(), at, CancellationToken.None);

        var again = await directory.RegisterAsync(new AgentRegistration { Agent = a, Teams = [support], Capacity = 5, InitialPresence = AgentPresence.Offline }, CancellationToken.None);

        AssertAgent(again, a, [support], 5, AgentPresence.Online, load: 1);
        Assert.Equal(at, again.LastAssignedAt);
        AssertAgent(await directory.FindAsync(default, a, CancellationToken.None), a, [support], 5, AgentPresence.Online, load: 1);
        Assert.Empty(await directory.ListTeamMembersAsync(default, sales, CancellationToken.None));
        Assert.Equal([a], (await directory.ListTeamMembersAsync(default, support, CancellationToken.None)).Select(m => m.Id));
        Assert.Null(await ReserveAsync(directory, sales, AgentSelection.RoundRobin));
        Assert.Equal(2, (await ReserveAsync(directory, support, AgentSelection.Specific(a)))?.OpenConversations);
    }

    /// <summary>Presence and capacity changes are stored and returned.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task SetPresenceAndCapacity_OfAKnownAgent_AreStored()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2, presence: AgentPresence.Offline);

        var online = await directory.SetPresenceAsync(default, a, AgentPresence.Online, CancellationToken.None);
        var bigger = await directory.SetCapacityAsync(default, a, 7, CancellationToken.None);
        var away = await directory.SetPresenceAsync(default, a, AgentPresence.Away, CancellationToken.None);

        Assert.Equal(AgentPresence.Online, online.Presence);
        Assert.Equal(7, bigger.Capacity);
        Assert.Equal(AgentPresence.Away, away.Presence);
        AssertAgent(await directory.FindAsync(default, a, CancellationToken.None), a, [team], 7, AgentPresence.Away, load: 0);
    }

    /// <summary>Presence, capacity and release of an agent the workspace does not know say "agent not found".</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Changes_OfAnUnknownAgent_ThrowAgentNotFound()
    {
        var directory = CreateDirectory();
        var unknown = Samples.NewAgent();

        var presence = await Assert.ThrowsAsync<AgentNotFoundException>(() => directory.SetPresenceAsync(default, unknown, AgentPresence.Online, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<AgentNotFoundException>(() => directory.SetCapacityAsync(default, unknown, 3, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<AgentNotFoundException>(() => directory.ReleaseAsync(default, unknown, StoreSamples.NewConversation(), CancellationToken.None).AsTask());

        Assert.Equal(unknown, presence.Agent);
        Assert.Null(await directory.FindAsync(default, unknown, CancellationToken.None));
    }

    /// <summary>A capacity below 1 is refused, on registration and on change, naming the capacity given, and changes nothing.</summary>
    /// <param name="capacity">The invalid capacity.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public virtual async Task Capacity_BelowOne_ThrowsInvalidRequestAndChangesNothing(int capacity)
    {
        var directory = CreateDirectory();
        var (team, known) = await TeamOfOneAsync(directory, capacity: 2);
        var fresh = Samples.NewAgent();

        var refused = new[]
        {
            await Assert.ThrowsAsync<InvalidRequestException>(() => directory.RegisterAsync(new AgentRegistration { Agent = fresh, Teams = [team], Capacity = capacity }, CancellationToken.None).AsTask()),
            await Assert.ThrowsAsync<InvalidRequestException>(() => directory.RegisterAsync(new AgentRegistration { Agent = known, Teams = [team], Capacity = capacity }, CancellationToken.None).AsTask()),
            await Assert.ThrowsAsync<InvalidRequestException>(() => directory.SetCapacityAsync(default, known, capacity, CancellationToken.None).AsTask()),
        };

        Assert.All(refused, e => Assert.Equal("Capacity", e.Field));
        Assert.All(refused, e => Assert.Equal($"The request's Capacity is not valid: it is {capacity}; an agent's capacity is at least 1.", e.Message));

        Assert.Null(await directory.FindAsync(default, fresh, CancellationToken.None));
        Assert.Equal(2, (await directory.FindAsync(default, known, CancellationToken.None))?.Capacity);
    }

    /// <summary>Lowering capacity below the load keeps the conversations held, and reserves nothing more until the load is below it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task SetCapacity_BelowTheLoad_KeepsTheLoadAndReservesNothingUntilBelow()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 3);
        var held = new List<ConversationVersion>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(StoreSamples.NewConversation());
            Assert.NotNull(await ReserveAsync(directory, team, AgentSelection.RoundRobin, held[i]));
        }

        var lowered = await directory.SetCapacityAsync(default, a, 1, CancellationToken.None);
        await ReleaseAsync(directory, a, held[0]);
        await ReleaseAsync(directory, a, held[1]);
        var atCapacity = await ReserveAsync(directory, team, AgentSelection.RoundRobin);
        await ReleaseAsync(directory, a, held[2]);
        var belowCapacity = await ReserveAsync(directory, team, AgentSelection.RoundRobin);

        Assert.Equal(3, lowered.OpenConversations);
        Assert.Null(atCapacity);
        Assert.Equal(a, belowCapacity?.Id);
        Assert.Equal(1, belowCapacity?.OpenConversations);
    }

    /// <summary>
    /// Release gives back the unit held for that conversation only; releasing it again, or for a conversation the agent
    /// holds nothing for, changes nothing; a released agent can be reserved again.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Release_GivesBackThatConversationsUnitOnce()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2);
        var (first, second) = (StoreSamples.NewConversation(), StoreSamples.NewConversation());
        await ReserveAsync(directory, team, AgentSelection.Specific(a), first);
        await ReserveAsync(directory, team, AgentSelection.Specific(a), second);
        Assert.Null(await ReserveAsync(directory, team, AgentSelection.Specific(a)));

        var one = await ReleaseAsync(directory, a, first);
        var again = await ReleaseAsync(directory, a, first);
        var unknown = await ReleaseAsync(directory, a, StoreSamples.NewConversation());
        var third = await ReserveAsync(directory, team, AgentSelection.Specific(a));
        await ReleaseAsync(directory, a, second);
        var zero = await ReleaseAsync(directory, a, second);

        Assert.Equal(1, one.OpenConversations);
        Assert.Equal(1, again.OpenConversations);
        Assert.Equal(1, unknown.OpenConversations);
        Assert.Equal(2, third?.OpenConversations);
        Assert.Equal(1, zero.OpenConversations);
        Assert.Equal(1, await LoadOfAsync(directory, a));
    }

    /// <summary>The same agent id in two workspaces names two agents: registered, changed and reserved independently.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Workspaces_SameAgentIdInTwo_AreIndependent()
    {
        var directory = CreateDirectory();
        var acme = new WorkspaceId("acme");
        var globex = new WorkspaceId("globex");
        var team = Samples.NewTeam();
        var a = Samples.NewAgent();
        var onlyInAcme = Samples.NewAgent();
        await directory.RegisterAsync(new AgentRegistration { Workspace = acme, Agent = a, Teams = [team], Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        await directory.RegisterAsync(new AgentRegistration { Workspace = acme, Agent = onlyInAcme, Teams = [team], Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        await directory.RegisterAsync(new AgentRegistration { Workspace = globex, Agent = a, Teams = [team], Capacity = 4, InitialPresence = AgentPresence.Offline }, CancellationToken.None);

        var reserved = await directory.ReserveAsync(acme, team, AgentSelection.Specific(a), StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None);
        await directory.SetPresenceAsync(globex, a, AgentPresence.Away, CancellationToken.None);

        Assert.Equal(acme, reserved?.Workspace);
        AssertAgent(await directory.FindAsync(acme, a, CancellationToken.None), a, [team], 1, AgentPresence.Online, load: 1, acme);
        AssertAgent(await directory.FindAsync(globex, a, CancellationToken.None), a, [team], 4, AgentPresence.Away, load: 0, globex);
        Assert.Null(await directory.FindAsync(globex, onlyInAcme, CancellationToken.None));
        Assert.Null(await directory.FindAsync(default, a, CancellationToken.None));
        Assert.Equal([a], (await directory.ListTeamMembersAsync(globex, team, CancellationToken.None)).Select(m => m.Id));
        Assert.Empty(await directory.ListTeamMembersAsync(default, team, CancellationToken.None));
        await Assert.ThrowsAsync<AgentNotFoundException>(() => directory.SetPresenceAsync(globex, onlyInAcme, AgentPresence.Offline, CancellationToken.None).AsTask());
        Assert.Null(await directory.ReserveAsync(globex, team, AgentSelection.Specific(onlyInAcme), StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None));
        Assert.Null(await directory.ReserveAsync(globex, team, AgentSelection.RoundRobin, StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None));
        Assert.Null(await ReserveAsync(directory, team, AgentSelection.RoundRobin));
        Assert.Equal(AgentPresence.Online, (await directory.FindAsync(acme, onlyInAcme, CancellationToken.None))?.Presence);
    }

    /// <summary>A cancelled token is honoured by every call, and nothing is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Calls_WithACancelledToken_ThrowAndChangeNothing()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2);
        var fresh = Samples.NewAgent();
        var held = StoreSamples.NewConversation();
        await directory.ReserveAsync(default, team, AgentSelection.Specific(a), held, SampleStart, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.RegisterAsync(new AgentRegistration { Agent = fresh, Teams = [team], Capacity = 1, InitialPresence = AgentPresence.Online }, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.RegisterAsync(new AgentRegistration { Agent = a, Teams = [Samples.NewTeam()], Capacity = 9 }, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.SetPresenceAsync(default, a, AgentPresence.Offline, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.SetCapacityAsync(default, a, 9, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.ReserveAsync(default, team, AgentSelection.RoundRobin, StoreSamples.NewConversation(), Samples.NextTime(), Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.ReleaseAsync(default, a, held with { Version = long.MaxValue }, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.FindAsync(default, a, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, 10, Cancelled()).AsTask());
        var listed = (await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, int.MaxValue, CancellationToken.None)).Single(r => r.Agent == a);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.ReleaseStaleAsync(listed, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.ListTeamMembersAsync(default, team, Cancelled()).AsTask());

        Assert.Null(await directory.FindAsync(default, fresh, CancellationToken.None));
        var stored = await directory.FindAsync(default, a, CancellationToken.None);
        AssertAgent(stored, a, [team], 2, AgentPresence.Online, load: 1);
        Assert.Equal(SampleStart, stored?.LastAssignedAt);
    }

    /// <summary>Registers an agent with the given teams, capacity and presence (online unless told).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="teams">Their teams.</param>
    /// <param name="capacity">Their capacity.</param>
    /// <param name="presence">Their presence.</param>
    /// <returns>The agent as stored.</returns>
    protected static async Task<Agent> RegisterAsync(IAgentDirectory directory, AgentId agent, IReadOnlyList<TeamId> teams, int capacity, AgentPresence presence = AgentPresence.Online)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return await directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = teams, Capacity = capacity, InitialPresence = presence }, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Gives back <paramref name="agent"/>'s reservation for <paramref name="held"/>, whatever version it was taken for.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="held">The conversation the reservation was taken for.</param>
    /// <returns>The agent as stored.</returns>
    protected static async Task<Agent> ReleaseAsync(IAgentDirectory directory, AgentId agent, ConversationVersion held)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return await directory.ReleaseAsync(default, agent, held with { Version = long.MaxValue }, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A fresh team of <paramref name="agents"/> fresh agents (<see cref="Agents(int)"/>), each online with <paramref name="capacity"/>.</summary>
    private async Task<(TeamId Team, AgentId[] Agents)> TeamOfAsync(IAgentDirectory directory, int agents, int capacity)
    {
        var team = Samples.NewTeam();
        var members = Agents(agents);
        foreach (var agent in members)
        {
            await RegisterAsync(directory, agent, [team], capacity).ConfigureAwait(false);
        }

        return (team, members);
    }

    /// <summary>A fresh team of one fresh agent, with <paramref name="capacity"/> and <paramref name="presence"/>.</summary>
    private async Task<(TeamId Team, AgentId Agent)> TeamOfOneAsync(IAgentDirectory directory, int capacity, AgentPresence presence = AgentPresence.Online)
    {
        var team = Samples.NewTeam();
        var agent = Samples.NewAgent();
        await RegisterAsync(directory, agent, [team], capacity, presence).ConfigureAwait(false);
        return (team, agent);
    }

    /// <summary>Reserves in the default workspace for <paramref name="conversation"/> (a fresh one if none is given), at the samples' next time.</summary>
    private ValueTask<Agent?> ReserveAsync(IAgentDirectory directory, TeamId team, AgentSelection selection, ConversationVersion? conversation = null) =>
        directory.ReserveAsync(default, team, selection, conversation ?? StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None);

    /// <summary>How many conversations <paramref name="agent"/> of the default workspace holds; null if unknown.</summary>
    private static async Task<int?> LoadOfAsync(IAgentDirectory directory, AgentId agent) =>
        (await directory.FindAsync(default, agent, CancellationToken.None).ConfigureAwait(false))?.OpenConversations;

    private static void AssertAgent(Agent? actual, AgentId id, IReadOnlyList<TeamId> teams, int capacity, AgentPresence presence, int load, WorkspaceId workspace = default)
    {
        Assert.NotNull(actual);
        Assert.Equal(workspace, actual.Workspace);
        Assert.Equal(id, actual.Id);
        Assert.Equal(teams.OrderBy(t => t.Value, StringComparer.Ordinal), actual.Teams.OrderBy(t => t.Value, StringComparer.Ordinal));
        Assert.Equal(capacity, actual.Capacity);
        Assert.Equal(presence, actual.Presence);
        Assert.Equal(load, actual.OpenConversations);
    }

    private static CancellationToken Cancelled() => new(canceled: true);

    /// <summary>Agent ids sharing a fresh prefix, in ordinal id order: the first sorts first.</summary>
    private (AgentId A, AgentId B) Agents()
    {
        var prefix = Samples.NewAgent().Value;
        return (new AgentId($"{prefix}-a"), new AgentId($"{prefix}-b"));
    }

    private AgentId[] Agents(int count)
    {
        var prefix = Samples.NewAgent().Value;
        return Enumerable.Range(0, count).Select(i => new AgentId($"{prefix}-{(char)('a' + i)}")).ToArray();
    }
}
