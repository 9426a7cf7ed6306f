using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Agents;

/// <summary>The PostgreSQL agent directory keeps every promise of the agent directory contract, and validates as the in-memory one does.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed partial class PostgreSqlAgentDirectoryContractTests(PostgreSqlServer server) : AgentDirectoryContract
{
    protected override IAgentDirectory CreateDirectory() =>
        new PostgreSqlAgentDirectory(DatabasePerClass<PostgreSqlAgentDirectoryContractTests>.Get(server, "agents"));

    [Fact]
    public async Task Register_WithoutAgentOrTeams_ThrowsBeforeWriting()
    {
        var directory = CreateDirectory();
        var agent = Samples.NewAgent();
        var team = Samples.NewTeam();

        await FluentActions.Awaiting(() => directory.RegisterAsync(null!, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => directory.RegisterAsync(new AgentRegistration { Agent = default, Teams = [team], Capacity = 1 }, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidIdentifierException>();
        await FluentActions.Awaiting(() => directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [], Capacity = 1 }, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidRequestException>().Where(e => e.Field == nameof(AgentRegistration.Teams));
        await FluentActions.Awaiting(() => directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [team, default], Capacity = 1 }, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidRequestException>().Where(e => e.Field == nameof(AgentRegistration.Teams));

        (await directory.FindAsync(default, agent, CancellationToken.None)).Should().BeNull();
        (await directory.ListTeamMembersAsync(default, team, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Changes_WithoutAgentOrWithAnUndefinedPresence_ThrowBeforeWriting()
    {
        var directory = CreateDirectory();
        var agent = Samples.NewAgent();
        await RegisterAsync(directory, agent, [Samples.NewTeam()], capacity: 2);

        await FluentActions.Awaiting(() => directory.SetPresenceAsync(default, agent, (AgentPresence)7, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidRequestException>();
        await FluentActions.Awaiting(() => directory.SetPresenceAsync(default, default, AgentPresence.Away, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidIdentifierException>();
        await FluentActions.Awaiting(() => directory.SetCapacityAsync(default, default, 3, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidIdentifierException>();
        await FluentActions.Awaiting(() => directory.ReleaseAsync(default, default, StoreSamples.NewConversation(), CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidIdentifierException>();

        (await directory.FindAsync(default, agent, CancellationToken.None)).Should().BeEquivalentTo(new { Presence = AgentPresence.Online, Capacity = 2 });
    }

    [Fact]
    public async Task Reads_AndReserve_OfDefaultIds_FindNothing()
    {
        var directory = CreateDirectory();
        var team = Samples.NewTeam();
        await RegisterAsync(directory, Samples.NewAgent(), [team], capacity: 2);

        (await directory.FindAsync(default, default, CancellationToken.None)).Should().BeNull();
        (await directory.ListTeamMembersAsync(default, default, CancellationToken.None)).Should().BeEmpty();
        (await directory.ReserveAsync(default, default, AgentSelection.RoundRobin, StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None)).Should().BeNull();
        (await directory.ReserveAsync(default, team, AgentSelection.Specific(default), StoreSamples.NewConversation(), Samples.NextTime(), CancellationToken.None)).Should().BeNull();
        (await directory.ReserveAsync(default, team, AgentSelection.RoundRobin, default, Samples.NextTime(), CancellationToken.None)).Should().BeNull();
        (await directory.ListTeamMembersAsync(default, team, CancellationToken.None)).Should().ContainSingle().Which.OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task Register_KeepsTheTeamsInRegistrationOrder_WithoutDuplicates()
    {
        var directory = CreateDirectory();
        var (zeta, alpha, mid) = (new TeamId($"z-{Samples.NewTeam().Value}"), new TeamId($"a-{Samples.NewTeam().Value}"), new TeamId($"m-{Samples.NewTeam().Value}"));
        var agent = Samples.NewAgent();

        var first = await directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [zeta, alpha, zeta], Capacity = 1 }, CancellationToken.None);
        var again = await directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [mid, zeta], Capacity = 1 }, CancellationToken.None);

        first.Teams.Should().Equal(zeta, alpha);
        again.Teams.Should().Equal(mid, zeta);
        (await directory.FindAsync(default, agent, CancellationToken.None))!.Teams.Should().Equal(mid, zeta);
    }

    [Theory]
    [InlineData(AgentOrder.RoundRobin)]
    [InlineData(AgentOrder.LeastOpen)]
    [InlineData(AgentOrder.LongestIdle)]
    public async Task Reserve_RacingFromTwoProcesses_NeverExceedsCapacity(AgentOrder order)
    {
        var shared = DatabasePerClass<PostgreSqlAgentDirectoryContractTests>.Get(server, "agents");
        await using var otherProcess = NpgsqlDataSource.Create(shared.ConnectionString);
        IAgentDirectory[] directories = [new PostgreSqlAgentDirectory(shared), new PostgreSqlAgentDirectory(otherProcess)];
        var team = Samples.NewTeam();
        var agents = Enumerable.Range(0, 4).Select(_ => Samples.NewAgent()).ToArray();
        foreach (var agent in agents)
        {
            await RegisterAsync(directories[0], agent, [team], capacity: 4);
        }

        var at = Samples.NextTime();
        var reserved = await RaceAsync(48, i => directories[i % 2].ReserveAsync(default, team, new AgentSelection(order), StoreSamples.NewConversation(), at.AddMilliseconds(i), CancellationToken.None));

        reserved.Count(r => r is not null).Should().Be(16);
        reserved.Where(r => r is not null).GroupBy(r => r!.Id).Should().HaveCount(4).And.OnlyContain(g => g.Count() == 4);
        (await directories[1].ListTeamMembersAsync(default, team, CancellationToken.None)).Should().OnlyContain(a => a.OpenConversations == 4);
    }

    [Fact]
    public async Task Reserve_RacingThroughTwoTeamsOfTheSameAgents_NeverExceedsCapacity()
    {
        var directory = CreateDirectory();
        var (sales, support) = (Samples.NewTeam(), Samples.NewTeam());
        var agents = Enumerable.Range(0, 5).Select(_ => Samples.NewAgent()).ToArray();
        foreach (var agent in agents)
        {
            await RegisterAsync(directory, agent, [sales, support], capacity: 3);
        }

        AgentSelection[] selections = [AgentSelection.RoundRobin, AgentSelection.LeastOpen, AgentSelection.LongestIdle];
        var at = Samples.NextTime();
        var reserved = await RaceAsync(64, i => directory.ReserveAsync(default, i % 2 == 0 ? sales : support, selections[i % 3], StoreSamples.NewConversation(), at.AddMilliseconds(i), CancellationToken.None));

        reserved.Count(r => r is not null).Should().Be(15);
        reserved.Where(r => r is not null).Should().OnlyContain(r => r!.OpenConversations <= r.Capacity);
        (await directory.ListTeamMembersAsync(default, support, CancellationToken.None)).Should().OnlyContain(a => a.OpenConversations == 3);
    }
}
