using InboundConversations.PostgreSql.Internal;
using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.PostgreSql.Tests.Scale;
using InboundConversations.Storage;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Schema;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlMigrationsTests(PostgreSqlServer server)
{
    private static IEnumerable<int> AllVersions => Enumerable.Range(1, PostgreSqlMigrations.LatestVersion);

    [Fact]
    public async Task ApplyAsync_OnAnEmptyDatabase_AppliesEveryVersion_AndAgainAppliesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate"));

        (await PostgreSqlMigrations.GetVersionAsync(dataSource)).Should().Be(0);
        (await PostgreSqlMigrations.ApplyAsync(dataSource)).Should().Equal(AllVersions);
        (await PostgreSqlMigrations.ApplyAsync(dataSource)).Should().BeEmpty();

        (await PostgreSqlMigrations.GetVersionAsync(dataSource)).Should().Be(PostgreSqlMigrations.LatestVersion);
        (await RecordedVersionsAsync(dataSource, PostgreSqlOptions.DefaultSchema)).Should().Equal(AllVersions);
    }

    [Fact]
    public async Task ApplyAsync_FromSixProcessesStartingAtOnce_AppliesEachVersionExactlyOnce()
    {
        var connectionString = await server.CreateDatabaseAsync("migrate_race");
        var dataSources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        try
        {
            using var start = new Barrier(dataSources.Length);
            var applied = await Task.WhenAll(dataSources.Select(d => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await PostgreSqlMigrations.ApplyAsync(d);
            })));

            applied.SelectMany(a => a).Order().Should().Equal(AllVersions);
            applied.Count(a => a.Count > 0).Should().Be(1, "the first to take the lock applies them all; the others find the work done");
            (await RecordedVersionsAsync(dataSources[0], PostgreSqlOptions.DefaultSchema)).Should().Equal(AllVersions);
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ApplyAsync_TwoSchemasInOneDatabase_AreMigratedIndependently()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_two"));

        (await PostgreSqlMigrations.ApplyAsync(dataSource, "inbox_a")).Should().Equal(AllVersions);
        (await PostgreSqlMigrations.GetVersionAsync(dataSource, "inbox_b")).Should().Be(0);
        (await PostgreSqlMigrations.ApplyAsync(dataSource, "inbox_b")).Should().Equal(AllVersions);

        (await TableNamesAsync(dataSource, "inbox_a")).Should().Equal(await TableNamesAsync(dataSource, "inbox_b"));
        (await TableNamesAsync(dataSource, "inbox_a")).Should().Contain(["conversations", "messages", "workflow_runs", "agents", "reservations", "contacts", "schema_migrations"]);
    }

    [Fact]
    public async Task ApplyAsync_OnAVersion1Schema_TurnsEachAssignedConversationIntoItsAgentsReservation_AndCountsLoadsFromThem()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_v1"));
        const string Schema = "v1";
        await ApplyVersion1Async(dataSource, Schema);
        var (assigned, alsoAssigned, closed, queued, elsewhere) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // Version 1 counted units without rows: ana's 3 include a unit no assignment accounts for (a leak), ben's 0 misses
        // one (the counter is what drifts), and the same id in another workspace is another agent.
        await ExecuteAsync(dataSource, $"""
            insert into {Schema}.agents (workspace, id, capacity, presence, open_conversations) values
                ('default', 'ana', 3, 1, 3), ('default', 'ben', 2, 1, 0), ('default', 'cleo', 2, 1, 1), ('acme', 'ana', 1, 1, 1);
            insert into {Schema}.conversations (workspace, id, contact, channel, source, opened_by_kind, opened_at, state, team, assignee, version) values
                ('default', '{assigned}', 'c1', 'sms', 1, 1, now(), 3, 'support', 'ana', 4),
                ('default', '{alsoAssigned}', 'c2', 'sms', 1, 1, now(), 3, 'support', 'ben', 7),
                ('default', '{closed}', 'c3', 'sms', 1, 1, now(), 5, 'support', 'ana', 9),
                ('default', '{queued}', 'c4', 'sms', 1, 1, now(), 2, 'support', null, 2),
                ('acme', '{elsewhere}', 'c1', 'sms', 1, 1, now(), 3, 'support', 'ana', 3);
            """);

        (await PostgreSqlMigrations.ApplyAsync(dataSource, Schema)).Should().Equal(Enumerable.Range(2, PostgreSqlMigrations.LatestVersion - 1));

        var directory = new PostgreSqlAgentDirectory(dataSource, new PostgreSqlOptions { Schema = Schema });
        var reservations = await directory.ListReservationsAsync(DateTimeOffset.MaxValue, null, 100, CancellationToken.None);
        reservations.Select(r => (r.Workspace.Value, r.Agent.Value, r.Conversation.Value, r.ConversationVersion)).Should().BeEquivalentTo(
            [("default", "ana", assigned, 4L), ("default", "ben", alsoAssigned, 7L), ("acme", "ana", elsewhere, 3L)]);
        (await LoadsAsync(dataSource, Schema)).Should().Equal(("acme", "ana", 1), ("default", "ana", 1), ("default", "ben", 1), ("default", "cleo", 0));

        // A close stores a later version, so its release gives the migrated unit back.
        var ana = new AgentId("ana");
        (await directory.ReleaseAsync(default, ana, new ConversationVersion(new ConversationId(assigned), 4), CancellationToken.None)).OpenConversations
            .Should().Be(1, "a reservation is given back only below the version the caller names");
        (await directory.ReleaseAsync(default, ana, new ConversationVersion(new ConversationId(assigned), 5), CancellationToken.None)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task ApplyAsync_OnAVersion2Schema_GivesItsConversationsNoTimers_ThatTheStoreThenArmsAndClaims()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_v2"));
        const string Schema = "v2";
        await ApplyUpToAsync(dataSource, Schema, 2);
        var (open, closed) = (Guid.NewGuid(), Guid.NewGuid());
        await ExecuteAsync(dataSource, $"""
            insert into {Schema}.conversations (workspace, id, contact, channel, source, opened_by_kind, opened_by_id, opened_at, state, team, version) values
                ('default', '{open}', 'c1', 'sms', 2, 2, 'ana', '2026-01-01T08:00:00Z', 4, 'support', 3),
                ('default', '{closed}', 'c2', 'sms', 2, 2, 'ana', '2026-01-01T08:00:00Z', 5, 'support', 9);
            """);

        (await PostgreSqlMigrations.ApplyAsync(dataSource, Schema)).Should().Equal(Enumerable.Range(3, PostgreSqlMigrations.LatestVersion - 2));

        var store = new PostgreSqlConversationStore(dataSource, new PostgreSqlOptions { Schema = Schema });
        var farFuture = new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var existing = (await store.FindAsync(default, new ConversationId(open), CancellationToken.None))!;
        existing.Timers.Should().BeEmpty();
        (await store.FindAsync(default, new ConversationId(closed), CancellationToken.None))!.Timers.Should().BeEmpty();
        (await store.ClaimDueAsync(farFuture, TimeSpan.FromMinutes(1), 10, CancellationToken.None)).Should().BeEmpty("no conversation had a timer before version 3");
        var timer = new ConversationTimer(ConversationTimerKind.AutoClose, new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), existing.OpenedAt);
        var armed = await store.UpdateAsync(existing with { Timers = ConversationTimers.Of([timer]) }, CancellationToken.None);
        (await store.ClaimDueAsync(farFuture, TimeSpan.FromMinutes(1), 10, CancellationToken.None)).Should().Equal(armed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Inbox")]
    [InlineData("inbox-a")]
    [InlineData("1inbox")]
    [InlineData("inbox; drop table x")]
    [InlineData("pg_inbox")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task ApplyAsync_WithAnInvalidSchemaName_ThrowsBeforeCreatingAnything(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_bad"));
        var before = await SchemaNamesAsync(dataSource);

        var apply = () => PostgreSqlMigrations.ApplyAsync(dataSource, schema);

        (await apply.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("PostgreSqlOptions.Schema");
        (await SchemaNamesAsync(dataSource)).Should().Equal(before);
    }

    [Fact]
    public async Task ApplyAndGetVersion_WithoutADataSourceOrWithAnInvalidSchema_Throw()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=unused");

        await FluentActions.Awaiting(() => PostgreSqlMigrations.ApplyAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => PostgreSqlMigrations.GetVersionAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        (await FluentActions.Awaiting(() => PostgreSqlMigrations.GetVersionAsync(unreachable, "Bad-Schema")).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("PostgreSqlOptions.Schema", "the name is checked before any connection is tried");
    }

    [Fact]
    public async Task ApplyAsync_WithACancelledToken_ThrowsAndCreatesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_cancel"));

        var apply = () => PostgreSqlMigrations.ApplyAsync(dataSource, cancellationToken: new CancellationToken(canceled: true));

        await apply.Should().ThrowAsync<OperationCanceledException>();
        (await PostgreSqlMigrations.GetVersionAsync(dataSource)).Should().Be(0);
        (await SchemaNamesAsync(dataSource)).Should().NotContain(PostgreSqlOptions.DefaultSchema);
    }

    [Fact]
    public async Task OnceMigrated_ARuntimeRoleWithoutCreate_RunsWholeCycles_WithTheGrantsTheReadmeNames()
    {
        var connectionString = await server.CreateDatabaseAsync("migrate_runtime");
        await using var owner = NpgsqlDataSource.Create(connectionString);
        await PostgreSqlMigrations.ApplyAsync(owner);
        var role = "runtime_" + Guid.NewGuid().ToString("N")[..8];
        const string Schema = PostgreSqlOptions.DefaultSchema;
        await using (var grant = owner.CreateCommand(
            $"create role {role} login; revoke create on schema public from public; " +
            $"grant usage on schema {Schema} to {role}; " +
            $"grant select, insert, update, delete on all tables in schema {Schema} to {role}; " +
            $"grant usage on all sequences in schema {Schema} to {role}"))
        {
            await grant.ExecuteNonQueryAsync();
        }

        var runtimeConnection = new NpgsqlConnectionStringBuilder(connectionString) { Username = role }.ConnectionString;
        await using var runtime = NpgsqlDataSource.Create(runtimeConnection);
        (await PostgreSqlMigrations.ApplyAsync(runtime)).Should().BeEmpty("an up-to-date schema takes no lock and runs no DDL");

        await using var host = EngineHost.Start(runtimeConnection, Schema, "support");
        await host.Roster.RegisterAgentAsync(new AgentRegistration { Agent = new AgentId("ana"), Teams = [new TeamId("support")], Capacity = 1, InitialPresence = AgentPresence.Online });
        for (var cycle = 0; cycle < 2; cycle++)
        {
            // The second cycle queues first (ana is full), then drains when the first closes: every statement kind runs.
            var first = await host.Engine.ReceiveAsync(Message("contact-a", $"a-{cycle}"));
            var second = await host.Engine.ReceiveAsync(Message("contact-b", $"b-{cycle}"));
            (await host.Engine.GetConversationAsync(second.ConversationId)).State.Should().Be(ConversationState.Queued);
            await host.Engine.SendAsync(new OutboundMessage { ConversationId = first.ConversationId, Author = Actor.Agent(new AgentId("ana")), Content = "Done" });
            await host.Engine.CloseAsync(new CloseConversationRequest { ConversationId = first.ConversationId, ClosedBy = Actor.Agent(new AgentId("ana")) });
            (await host.Engine.GetConversationAsync(second.ConversationId)).State.Should().Be(ConversationState.Assigned);
            await host.Engine.CloseAsync(new CloseConversationRequest { ConversationId = second.ConversationId, ClosedBy = Actor.Agent(new AgentId("ana")) });
        }

        await host.Roster.RegisterAgentAsync(new AgentRegistration { Agent = new AgentId("ana"), Teams = [new TeamId("billing")], Capacity = 2 });
        var createSomething = async () =>
        {
            await using var command = runtime.CreateCommand($"create table {Schema}.probe (id int)");
            await command.ExecuteNonQueryAsync();
        };
        await createSomething.Should().ThrowAsync<PostgresException>("the role really lacks the CREATE privilege the migrations would need");
    }

    private static InboundMessage Message(string contact, string externalId) => new()
    {
        Contact = new ContactId(contact), Channel = new ChannelId("sms"), ExternalId = externalId, Content = "Hello", SentAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task FirstDatabaseCall_WithApplyMigrations_MigratesOnce_ForManyCallersAtOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_lazy"));
        var database = new PostgreSqlDatabase(dataSource, new PostgreSqlOptions { Schema = "lazy" });

        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => database.OpenAsync(CancellationToken.None).AsTask()));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        (await RecordedVersionsAsync(dataSource, "lazy")).Should().Equal(AllVersions);
    }

    [Fact]
    public async Task FirstDatabaseCall_WithoutApplyMigrations_OnAnOlderSchema_ThrowsSayingWhatToDo_AndWorksOnceMigrated()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_manual"));
        var database = new PostgreSqlDatabase(dataSource, new PostgreSqlOptions { Schema = "manual", ApplyMigrations = false });

        var open = () => database.OpenAsync(CancellationToken.None).AsTask();

        (await open.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("'manual' is at version 0").And.Contain($"needs version {PostgreSqlMigrations.LatestVersion}").And.Contain("ApplyAsync");
        (await PostgreSqlMigrations.GetVersionAsync(dataSource, "manual")).Should().Be(0, "the adapter does not migrate when told not to");

        await PostgreSqlMigrations.ApplyAsync(dataSource, "manual");
        await using var connection = await database.OpenAsync(CancellationToken.None);
        connection.State.Should().Be(System.Data.ConnectionState.Open);
    }

    /// <summary>Brings <paramref name="schema"/> to version 1 only, as a database that ran the version 1 package is.</summary>
    private static Task ApplyVersion1Async(NpgsqlDataSource dataSource, string schema) => ApplyUpToAsync(dataSource, schema, 1);

    /// <summary>Brings <paramref name="schema"/> to <paramref name="version"/> only, as a database that ran that version's package is.</summary>
    private static async Task ApplyUpToAsync(NpgsqlDataSource dataSource, string schema, int version)
    {
        await ExecuteAsync(dataSource, $"create schema {schema}; create table {schema}.schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())");
        foreach (var migration in Migration.All.Take(version))
        {
            await ExecuteAsync(dataSource, migration.SqlFor(schema));
            await ExecuteAsync(dataSource, $"insert into {schema}.schema_migrations (version, name) values ({migration.Version}, '{migration.Name}')");
        }

        (await PostgreSqlMigrations.GetVersionAsync(dataSource, schema)).Should().Be(version);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Workspace, string Agent, int Load)>> LoadsAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"select workspace, id, open_conversations from {schema}.agents order by workspace, id");
        await using var reader = await command.ExecuteReaderAsync();
        var loads = new List<(string, string, int)>();
        while (await reader.ReadAsync())
        {
            loads.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return loads;
    }

    private static async Task<List<int>> RecordedVersionsAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"select version from \"{schema}\".schema_migrations order by version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static Task<List<string>> SchemaNamesAsync(NpgsqlDataSource dataSource) =>
        NamesAsync(dataSource, "select nspname from pg_namespace order by nspname", null);

    private static Task<List<string>> TableNamesAsync(NpgsqlDataSource dataSource, string schema) =>
        NamesAsync(dataSource, "select table_name from information_schema.tables where table_schema = $1 order by table_name", schema);

    private static async Task<List<string>> NamesAsync(NpgsqlDataSource dataSource, string sql, string? parameter)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
