using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Agents;

/// <summary>
/// Reservations and releases stepped one lock at a time against changes held open by the test. The interleavings in
/// which taking locks in another order would make two of them wait for each other: two reservations through two teams
/// that share agents, walking them in opposite orders, each keep a lock on an agent that stopped qualifying; a release
/// that locked the agent's reservation row before the agent would hold the row a reservation renewing it waits for,
/// while waiting for the agent that reservation holds. And those in which a reservation waiting for an agent would act
/// on what its snapshot saw of rows other than the agent's: a reservation for the conversation given back meanwhile,
/// a team membership ended meanwhile.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ReservationLockOrderTests(PostgreSqlServer server)
{
    private const string Schema = PostgreSqlOptions.DefaultSchema;

    [Fact]
    public async Task Reserve_ThroughTwoTeamsWalkingSharedAgentsInOppositeOrders_AsTheyGoOffline_NeitherDeadlocks()
    {
        var connectionString = await server.CreateDatabaseAsync("lock_order");
        await using var setup = NpgsqlDataSource.Create(connectionString);

        // Each reservation has connections of its own, named so the test can see what it waits for; a deadlock would
        // not be broken by the server for a minute, so the test sees it as a reservation that never returns.
        await using var first = DataSource(connectionString, "reserve-first");
        await using var second = DataSource(connectionString, "reserve-second");
        var (sales, support) = (new TeamId("sales"), new TeamId("support"));
        var (a, b) = (new AgentId("agent-a"), new AgentId("agent-b"));
        var directory = new PostgreSqlAgentDirectory(setup);
        foreach (var agent in new[] { a, b })
        {
            await directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [sales, support], Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        }

        // Support's round robin now starts after a: it walks b, then a. Sales' walks a, then b.
        var at = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var held = StoreSamples.NewConversation();
        await directory.ReserveAsync(default, support, AgentSelection.Specific(a), held, at, CancellationToken.None);
        await directory.ReleaseAsync(default, a, held with { Version = long.MaxValue }, CancellationToken.None);

        // Two presence changes in flight: a and b are going offline.
        await using var offlineA = await GoOfflineUncommittedAsync(setup, a);
        await using var offlineB = await GoOfflineUncommittedAsync(setup, b);

        var salesReservation = new PostgreSqlAgentDirectory(first).ReserveAsync(default, sales, AgentSelection.RoundRobin, StoreSamples.NewConversation(), at.AddSeconds(1), CancellationToken.None).AsTask();
        await WaitUntilBlockedAsync(setup, "reserve-first", offlineA.Pid);
        var supportReservation = new PostgreSqlAgentDirectory(second).ReserveAsync(default, support, AgentSelection.RoundRobin, StoreSamples.NewConversation(), at.AddSeconds(2), CancellationToken.None).AsTask();
        await WaitUntilBlockedAsync(setup, "reserve-second", null);

        await offlineA.CommitAsync();
        await WaitUntilBlockedAsync(setup, "reserve-first", null);
        await offlineB.CommitAsync();

        var reserved = await Task.WhenAll(salesReservation, supportReservation).WaitAsync(TimeSpan.FromSeconds(30));

        reserved.Should().HaveCount(2).And.OnlyContain(r => r == null);
        (await directory.ListTeamMembersAsync(default, sales, CancellationToken.None)).Should().OnlyContain(x => x.Presence == AgentPresence.Offline && x.OpenConversations == 0);
    }

    [Fact]
    public async Task Release_QueuedBehindAReservationRenewingTheSameConversation_NeitherDeadlocks()
    {
        var connectionString = await server.CreateDatabaseAsync("lock_order_release");
        await using var setup = NpgsqlDataSource.Create(connectionString);
        await using var reserving = DataSource(connectionString, "reserve");
        await using var releasing = DataSource(connectionString, "release");
        var team = new TeamId("sales");
        var a = new AgentId("agent-a");
        var directory = new PostgreSqlAgentDirectory(setup);
        await directory.RegisterAsync(new AgentRegistration { Agent = a, Teams = [team], Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        var held = StoreSamples.NewConversation();
        var at = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        await directory.ReserveAsync(default, team, AgentSelection.Specific(a), held, at, CancellationToken.None);

        // A change of a's row in flight (a capacity set to what it is): the reservation, then the release, queue behind it.
        await using var change = await ChangeUncommittedAsync(setup, $"update \"{Schema}\".agents set capacity = capacity where id = $1", a);
        var renewal = new PostgreSqlAgentDirectory(reserving)
            .ReserveAsync(default, team, AgentSelection.Specific(a), held with { Version = 2 }, at.AddSeconds(1), CancellationToken.None).AsTask();
        await WaitUntilBlockedAsync(setup, "reserve", change.Pid);
        var release = new PostgreSqlAgentDirectory(releasing).ReleaseAsync(default, a, held with { Version = long.MaxValue }, CancellationToken.None).AsTask();
        await WaitUntilBlockedAsync(setup, "release", null);

        // The reservation is granted a's lock first and renews the reservation row; a release that had deleted that row
        // before waiting for a would now be waited for by the reservation, while it waits for a: a deadlock.
        await change.CommitAsync();
        var renewed = await renewal.WaitAsync(TimeSpan.FromSeconds(30));
        var released = await release.WaitAsync(TimeSpan.FromSeconds(30));

        renewed.Should().BeEquivalentTo(new { Id = a, OpenConversations = 1 });
        released.OpenConversations.Should().Be(0);
        await using var rows = setup.CreateCommand($"select count(*) from \"{Schema}\".reservations where agent = $1");
        rows.Parameters.AddWithValue(a.Value);
        ((long)(await rows.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Theory]
    [InlineData(AgentOrder.RoundRobin)]
    [InlineData(AgentOrder.Specific)]
    public async Task Reserve_ForAConversationTheAgentGaveBackWhileItWaited_AsTheirCapacityWentDown_TakesNoUnitBeyondIt(AgentOrder order)
    {
        var connectionString = await server.CreateDatabaseAsync("lock_order_room");
        await using var setup = NpgsqlDataSource.Create(connectionString);
        await using var reserving = DataSource(connectionString, "reserve");
        var team = new TeamId("sales");
        var (a, b) = (new AgentId("agent-a"), new AgentId("agent-0"));
        var directory = new PostgreSqlAgentDirectory(setup);
        foreach (var agent in new[] { a, b })
        {
            await directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [team], Capacity = 2, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        }

        // a holds x and y, at capacity; round robin's cursor is on b (agent-0), so it walks a first.
        var (x, y, z) = (StoreSamples.NewConversation(), StoreSamples.NewConversation(), StoreSamples.NewConversation());
        var at = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        await directory.ReserveAsync(default, team, AgentSelection.Specific(a), x, at, CancellationToken.None);
        await directory.ReserveAsync(default, team, AgentSelection.Specific(a), y, at, CancellationToken.None);
        await directory.ReserveAsync(default, team, AgentSelection.Specific(b), z, at, CancellationToken.None);
        await directory.ReleaseAsync(default, b, z with { Version = long.MaxValue }, CancellationToken.None);

        // In flight: a gives x back and their capacity goes down to 1. A reservation for x that started before this
        // commits sees a holding x (room for it even at capacity), and waits for a's lock.
        await using var change = await ChangeUncommittedAsync(
            setup,
            $"with changed as (update \"{Schema}\".agents set open_conversations = open_conversations - 1, capacity = 1 where id = $1 returning id) " +
            $"delete from \"{Schema}\".reservations where agent in (select id from changed) and conversation_id = '{x.Conversation.Value}'",
            a);
        var reservation = new PostgreSqlAgentDirectory(reserving)
            .ReserveAsync(default, team, new AgentSelection(order, a), x with { Version = 2 }, at.AddSeconds(1), CancellationToken.None).AsTask();
        await WaitUntilBlockedAsync(setup, "reserve", change.Pid);
        await change.CommitAsync();
        var reserved = await reservation.WaitAsync(TimeSpan.FromSeconds(30));

        // a now holds y alone, at their capacity of 1, and not x: as if the reservation had started after the change.
        var stored = await directory.FindAsync(default, a, CancellationToken.None);
        stored.Should().BeEquivalentTo(new { Capacity = 1, OpenConversations = 1 });
        if (order == AgentOrder.Specific)
        {
            reserved.Should().BeNull();
        }
        else
        {
            reserved.Should().BeEquivalentTo(new { Id = b, OpenConversations = 1 });
        }

        var held = await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, 10, CancellationToken.None);
        held.Select(r => (r.Agent, r.Conversation)).Should().BeEquivalentTo(
            order == AgentOrder.Specific ? [(a, y.Conversation)] : new[] { (a, y.Conversation), (b, x.Conversation) });
    }

    [Theory]
    [InlineData(AgentOrder.RoundRobin)]
    [InlineData(AgentOrder.Specific)]
    public async Task Reserve_ThroughATeamTheAgentLeftWhileItWaited_DoesNotReserveThem(AgentOrder order)
    {
        var connectionString = await server.CreateDatabaseAsync("lock_order_team");
        await using var setup = NpgsqlDataSource.Create(connectionString);
        await using var reserving = DataSource(connectionString, "reserve");
        var (sales, support) = (new TeamId("sales"), new TeamId("support"));
        var (a, b) = (new AgentId("agent-a"), new AgentId("agent-0"));
        var directory = new PostgreSqlAgentDirectory(setup);
        foreach (var agent in new[] { a, b })
        {
            await directory.RegisterAsync(new AgentRegistration { Agent = agent, Teams = [sales], Capacity = 2, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        }

        // Round robin's cursor is on b (agent-0), so it walks a first.
        var z = StoreSamples.NewConversation();
        var at = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        await directory.ReserveAsync(default, sales, AgentSelection.Specific(b), z, at, CancellationToken.None);
        await directory.ReleaseAsync(default, b, z with { Version = long.MaxValue }, CancellationToken.None);

        // In flight, as a registration does it: a's row locked, then a moved from sales to support.
        await using var registration = await ChangeUncommittedAsync(
            setup,
            $"with changed as (update \"{Schema}\".agents set capacity = capacity where id = $1 returning workspace, id), " +
            $"gone as (delete from \"{Schema}\".agent_teams t using changed c where t.workspace = c.workspace and t.agent = c.id and t.team = 'sales') " +
            $"insert into \"{Schema}\".agent_teams (workspace, team, agent, position) select workspace, 'support', id, 1 from changed",
            a);
        var reservation = new PostgreSqlAgentDirectory(reserving)
            .ReserveAsync(default, sales, new AgentSelection(order, a), StoreSamples.NewConversation(), at.AddSeconds(1), CancellationToken.None).AsTask();
        await WaitUntilBlockedAsync(setup, "reserve", registration.Pid);
        await registration.CommitAsync();
        var reserved = await reservation.WaitAsync(TimeSpan.FromSeconds(30));

        (await directory.FindAsync(default, a, CancellationToken.None)).Should().BeEquivalentTo(new { Teams = new[] { support }, OpenConversations = 0 });
        if (order == AgentOrder.Specific)
        {
            reserved.Should().BeNull();
        }
        else
        {
            reserved.Should().BeEquivalentTo(new { Id = b, OpenConversations = 1 });
        }
    }

    private static NpgsqlDataSource DataSource(string connectionString, string name) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name, Options = "-c deadlock_timeout=60s" }.ConnectionString);

    private static Task<PendingChange> GoOfflineUncommittedAsync(NpgsqlDataSource dataSource, AgentId agent) =>
        ChangeUncommittedAsync(dataSource, $"update \"{Schema}\".agents set presence = {(int)AgentPresence.Offline} where id = $1", agent);

    /// <summary>Runs <paramref name="sql"/> for <paramref name="agent"/> in a transaction left open: its row locks stay held.</summary>
    private static async Task<PendingChange> ChangeUncommittedAsync(NpgsqlDataSource dataSource, string sql, AgentId agent)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddWithValue(agent.Value);
            await command.ExecuteNonQueryAsync();
        }

        return new PendingChange(connection, transaction, connection.ProcessID);
    }

    /// <summary>Waits until the named reservation waits for a lock (held by <paramref name="holder"/>'s backend, if given).</summary>
    private static async Task WaitUntilBlockedAsync(NpgsqlDataSource dataSource, string name, int? holder)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) from pg_stat_activity where application_name = $1 and cardinality(pg_blocking_pids(pid)) > 0 " +
            "and ($2::integer is null or $2 = any(pg_blocking_pids(pid)))");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue((object?)holder ?? DBNull.Value);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{name} should wait for a lock");
            await Task.Delay(10);
        }
    }

    private sealed class PendingChange(NpgsqlConnection connection, NpgsqlTransaction transaction, int pid) : IAsyncDisposable
    {
        public int Pid { get; } = pid;

        public Task CommitAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
