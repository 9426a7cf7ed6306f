using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Agents;

// What the contract cannot see: reservations racing from two processes (two data sources, so two pools of backends),
// and the load column counted against the reservation rows it stands for.
public sealed partial class PostgreSqlAgentDirectoryContractTests
{
    private const string Schema = PostgreSqlOptions.DefaultSchema;

    private NpgsqlDataSource Shared => DatabasePerClass<PostgreSqlAgentDirectoryContractTests>.Get(server, "agents");

    [Theory]
    [InlineData(AgentOrder.RoundRobin)]
    [InlineData(AgentOrder.LeastOpen)]
    [InlineData(AgentOrder.LongestIdle)]
    [InlineData(AgentOrder.Specific)]
    public async Task Reserve_RacingFromTwoProcessesForOneConversationAndAgent_HoldsOneUnit(AgentOrder order)
    {
        await using var otherProcess = NpgsqlDataSource.Create(Shared.ConnectionString);
        IAgentDirectory[] directories = [new PostgreSqlAgentDirectory(Shared), new PostgreSqlAgentDirectory(otherProcess)];
        var team = Samples.NewTeam();
        var agent = Samples.NewAgent();

        // Capacity 1: after the first reservation the agent is full, and only holding the conversation gives them room.
        await Register(directories[0], agent, team, capacity: 1);
        var conversation = StoreSamples.NewConversation();
        var at = Samples.NextTime();

        var reserved = await RaceAsync(32, i => directories[i % 2].ReserveAsync(
            default, team, new AgentSelection(order, agent), conversation with { Version = 1 + (i % 5) }, at.AddMilliseconds(i), CancellationToken.None));

        reserved.Should().OnlyContain(r => r != null && r.Id == agent && r.OpenConversations == 1);
        (await LoadAndRowsAsync(agent)).Should().Be((1, 1));
        var listed = (await directories[1].ListReservationsAsync(DateTimeOffset.MaxValue, null, int.MaxValue, CancellationToken.None)).Single(r => r.Agent == agent);
        listed.Conversation.Should().Be(conversation.Conversation);
        listed.ConversationVersion.Should().Be(5, "a renewal keeps the higher version");
    }

    [Fact]
    public async Task ReleasesAndStaleReleases_RacingReservationsOfTheSameAgentsOtherConversations_NeverDriftTheLoad()
    {
        await using var otherProcess = NpgsqlDataSource.Create(Shared.ConnectionString);
        IAgentDirectory[] directories = [new PostgreSqlAgentDirectory(Shared), new PostgreSqlAgentDirectory(otherProcess)];
        var team = Samples.NewTeam();
        var (a, b) = (Samples.NewAgent(), Samples.NewAgent());
        await Register(directories[0], a, team, capacity: 1000);
        await Register(directories[0], b, team, capacity: 1000);

        for (var round = 0; round < 5; round++)
        {
            // Each agent holds 30 conversations: 15 to release, 5 to release as stale, 10 to renew; and takes 20 new ones.
            var held = new Dictionary<AgentId, ConversationVersion[]>();
            foreach (var agent in new[] { a, b })
            {
                held[agent] = Enumerable.Range(0, 30).Select(_ => StoreSamples.NewConversation()).ToArray();
                foreach (var conversation in held[agent])
                {
                    (await directories[0].ReserveAsync(default, team, AgentSelection.Specific(agent), conversation, Samples.NextTime(), CancellationToken.None))
                        .Should().NotBeNull();
                }
            }

            var before = await LoadsAsync(a, b);
            var listed = (await directories[0].ListReservationsAsync(DateTimeOffset.MaxValue, null, int.MaxValue, CancellationToken.None))
                .Where(r => r.Agent == a || r.Agent == b).ToDictionary(r => r.Conversation);
            var at = Samples.NextTime();
            var calls = new List<Func<IAgentDirectory, Task<bool>>>();
            foreach (var agent in new[] { a, b })
            {
                var mine = held[agent];
                calls.AddRange(mine[..15].Select(c => Call(async d => (await d.ReleaseAsync(default, agent, c with { Version = long.MaxValue }, CancellationToken.None)).Id == agent)));
                calls.AddRange(mine[15..20].Select(c => Call(d => d.ReleaseStaleAsync(listed[c.Conversation], CancellationToken.None).AsTask())));
                calls.AddRange(mine[20..].Select(c => Call(async d => (await d.ReserveAsync(default, team, AgentSelection.Specific(agent), c, at, CancellationToken.None))?.Id == agent)));
                calls.AddRange(Enumerable.Range(0, 20).Select(_ => Call(async d =>
                    (await d.ReserveAsync(default, team, AgentSelection.Specific(agent), StoreSamples.NewConversation(), at, CancellationToken.None))?.Id == agent)));
            }

            var random = new Random(round);
            var shuffled = calls.OrderBy(_ => random.Next()).ToArray();
            var outcomes = await RaceAsync(shuffled.Length, async i => await shuffled[i](directories[i % 2]));

            outcomes.Should().OnlyContain(done => done, "every release, stale release and reservation did what it was asked");
            var after = await LoadsAsync(a, b);
            after.Should().Equal(before, "each agent gave back 20 and took 20 new; renewals add nothing");
            (await LoadAndRowsAsync(a)).Should().Match<(int Load, long Rows)>(x => x.Load == x.Rows);
            (await LoadAndRowsAsync(b)).Should().Match<(int Load, long Rows)>(x => x.Load == x.Rows);
        }
    }

    [Fact]
    public async Task Reserve_AtATimeFinerThanAMicrosecond_ListsTheStoredTime_WhichAStaleReleaseMatches()
    {
        var directory = new PostgreSqlAgentDirectory(Shared);
        var team = Samples.NewTeam();
        var agent = Samples.NewAgent();
        await Register(directory, agent, team, capacity: 2);
        var at = Samples.NextTime().AddTicks(1_234_567).ToOffset(TimeSpan.FromHours(3));
        var conversation = StoreSamples.NewConversation();

        var reserved = await directory.ReserveAsync(default, team, AgentSelection.Specific(agent), conversation, at, CancellationToken.None);

        var listed = (await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, int.MaxValue, CancellationToken.None)).Single(r => r.Agent == agent);
        var truncated = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        listed.ReservedAt.Should().Be(truncated);
        listed.ReservedAt.UtcTicks.Should().Be(truncated.UtcTicks);
        reserved!.LastAssignedAt.Should().Be(truncated);
        (await directory.ListReservationsAsync(truncated, null, int.MaxValue, CancellationToken.None)).Should().NotContain(r => r.Agent == agent, "only those taken before the time");
        (await directory.ReleaseStaleAsync(listed, CancellationToken.None)).Should().BeTrue();
        (await LoadAndRowsAsync(agent)).Should().Be((0, 0));
    }

    [Fact]
    public async Task ReleaseAndReleaseStale_OfDefaultOrUnknownIds_ChangeNothing()
    {
        var directory = new PostgreSqlAgentDirectory(Shared);
        var team = Samples.NewTeam();
        var agent = Samples.NewAgent();
        await Register(directory, agent, team, capacity: 2);
        var held = StoreSamples.NewConversation();
        await directory.ReserveAsync(default, team, AgentSelection.Specific(agent), held, Samples.NextTime(), CancellationToken.None);
        var listed = (await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, int.MaxValue, CancellationToken.None)).Single(r => r.Agent == agent);

        (await directory.ReleaseAsync(default, agent, default, CancellationToken.None)).OpenConversations.Should().Be(1);
        (await directory.ReleaseStaleAsync(listed with { Agent = Samples.NewAgent() }, CancellationToken.None)).Should().BeFalse();
        (await directory.ReleaseStaleAsync(listed with { Agent = default }, CancellationToken.None)).Should().BeFalse();
        (await directory.ReleaseStaleAsync(listed with { Conversation = StoreSamples.NewConversation().Conversation }, CancellationToken.None)).Should().BeFalse();
        (await directory.ReleaseStaleAsync(listed with { ReservedAt = listed.ReservedAt.AddTicks(10) }, CancellationToken.None)).Should().BeFalse();
        (await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, 0, CancellationToken.None)).Should().BeEmpty();
        await FluentActions.Awaiting(() => directory.ReleaseStaleAsync(null!, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentNullException>();

        (await LoadAndRowsAsync(agent)).Should().Be((1, 1));
    }

    private static Func<IAgentDirectory, Task<bool>> Call(Func<IAgentDirectory, Task<bool>> call) => call;

    private static Task<Agent> Register(IAgentDirectory directory, AgentId agent, TeamId team, int capacity) =>
        directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [team], Capacity = capacity, InitialPresence = AgentPresence.Online }, CancellationToken.None).AsTask();

    private async Task<int[]> LoadsAsync(params AgentId[] agents)
    {
        var loads = new int[agents.Length];
        for (var i = 0; i < agents.Length; i++)
        {
            loads[i] = (await LoadAndRowsAsync(agents[i])).Load;
        }

        return loads;
    }

    /// <summary>The agent's load column, and the reservation rows they hold, read past the adapter.</summary>
    private async Task<(int Load, long Rows)> LoadAndRowsAsync(AgentId agent)
    {
        await using var command = Shared.CreateCommand(
            $"select a.open_conversations, (select count(*) from \"{Schema}\".reservations r where r.workspace = a.workspace and r.agent = a.id) " +
            $"from \"{Schema}\".agents a where a.workspace = 'default' and a.id = $1");
        command.Parameters.AddWithValue(agent.Value);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return (reader.GetInt32(0), reader.GetInt64(1));
    }
}
