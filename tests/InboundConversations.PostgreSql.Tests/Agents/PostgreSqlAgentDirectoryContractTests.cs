using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Storage.PostgreSql;
using InboundConversations.Testing.Contracts;

namespace InboundConversations.PostgreSql.Tests.Agents;

/// <summary>The PostgreSQL agent directory keeps every promise of the agent directory contract, and validates as the in-memory one does.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlAgentDirectoryContractTests(PostgreSqlServer server) : AgentDirectoryContract
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
        (await directory.ListTeamAsync(default, team, CancellationToken.None)).Should().BeEmpty();
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
        await FluentActions.Awaiting(() => directory.ReleaseAsync(default, default, CancellationToken.None).AsTask())
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
        (await directory.ListTeamAsync(default, default, CancellationToken.None)).Should().BeEmpty();
        (await directory.ReserveAsync(default, default, AgentSelection.RoundRobin, Samples.NextTime(), CancellationToken.None)).Should().BeNull();
        (await directory.ReserveAsync(default, team, AgentSelection.Specific(default), Samples.NextTime(), CancellationToken.None)).Should().BeNull();
        (await directory.ListTeamAsync(default, team, CancellationToken.None)).Should().ContainSingle().Which.OpenConversations.Should().Be(0);
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
}
