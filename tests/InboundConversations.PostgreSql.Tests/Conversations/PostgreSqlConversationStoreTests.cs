using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Conversations;

/// <summary>What the contract does not pin but this adapter promises: exact round trips through its columns and jsonb.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConversationStoreTests(PostgreSqlServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly StoreSamples _samples = new(Start);
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlConversationStore _store = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("conversation_store"));
        _store = new PostgreSqlConversationStore(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task UpdateWorkflowRun_FactsAndSteps_ReadBackAsWritten_FactsInTheirOrder()
    {
        var conversation = _samples.AgentOpened(_samples.NewContact());
        await _store.OpenAsync(conversation, WorkflowRun.Pending(default, conversation.Id, conversation.OpenedAt), CancellationToken.None);
        var pending = (await _store.FindWorkflowRunAsync(default, conversation.Id, CancellationToken.None))!;
        var facts = new Dictionary<string, string> { ["zeta"] = "last letter", ["alpha"] = "first", ["Intent"] = "billing \"quoted\" ñ" };
        WorkflowStep[] steps =
        [
            new(WorkflowStepKind.Enrich, "intent", WorkflowStepStatus.Succeeded, Start.AddSeconds(1), TimeSpan.FromTicks(1_234_567), null),
            new(WorkflowStepKind.Route, "rules", WorkflowStepStatus.Failed, Start.AddSeconds(2), TimeSpan.FromMilliseconds(5), "TimeoutException: too slow"),
        ];

        var stored = await _store.UpdateWorkflowRunAsync(pending with { Status = WorkflowRunStatus.Running, Facts = facts, Steps = steps }, CancellationToken.None);

        var read = (await _store.FindWorkflowRunAsync(default, conversation.Id, CancellationToken.None))!;
        read.Facts.Keys.Should().Equal("zeta", "alpha", "Intent");
        read.Facts.Should().Equal(facts);
        read.Steps.Should().Equal(steps);
        stored.Facts.Keys.Should().Equal("zeta", "alpha", "Intent");
        stored.Steps.Should().Equal(steps);
    }

    [Fact]
    public async Task AppendInbound_TimesFinerThanAMicrosecond_AreTruncated_AndTheReturnedSnapshotsEqualTheReadOnes()
    {
        var received = Start.AddTicks(1_234_567);
        var append = _samples.Inbound(_samples.NewContact()) with { ReceivedAt = received, SentAt = received.ToOffset(TimeSpan.FromHours(2)) };

        var result = await _store.AppendInboundAsync(append, CancellationToken.None);

        var truncated = Start.AddTicks(1_234_560);
        result.OpenedConversation!.OpenedAt.Should().Be(truncated);
        result.Message.SentAt.Should().Be(truncated);
        (await _store.FindAsync(default, append.NewConversationId, CancellationToken.None)).Should().Be(result.OpenedConversation);
        (await _store.ListMessagesAsync(default, append.NewConversationId, CancellationToken.None)).Should().Equal(result.Message);
    }

    [Fact]
    public async Task ListQueued_TwoQueuedAtTheSameInstant_KeepTheOrderTheyWereQueuedIn()
    {
        var team = _samples.NewTeam();
        var at = _samples.NextTime();
        var opened = new List<Conversation>();
        for (var i = 0; i < 4; i++)
        {
            opened.Add((await _store.OpenAsync(_samples.AgentOpened(_samples.NewContact()), null, CancellationToken.None)).Conversation);
        }

        // Queued in the reverse of their id order, all at one instant: only the arrival order can tell them apart.
        var arrival = opened.OrderByDescending(c => c.Id.Value).ToArray();
        foreach (var conversation in arrival)
        {
            await _store.UpdateAsync(conversation with { State = ConversationState.Queued, Team = team, QueuedAt = at }, CancellationToken.None);
        }

        var queue = await _store.ListQueuedAsync(default, team, 10, CancellationToken.None);
        queue.Select(c => c.Id).Should().Equal(arrival.Select(c => c.Id));
    }

    [Fact]
    public async Task ListQueuedTeams_OverRawRows_ListsTheQueuedTeamsOrdinally_SkippingOtherStates_PageByPage()
    {
        await PostgreSqlMigrations.ApplyAsync(_dataSource);
        (string Workspace, string? Team, int State)[] rows =
        [
            ("default", "beta", 2), ("default", "alpha", 2), ("default", "Zeta", 2), ("default", "alpha", 2), ("default", "alpha", 2),
            ("apple", "y", 2), ("Zoo", "x", 2),
            ("default", "assigned-only", 3), ("default", "closed-only", 5), ("default", "unassigned-only", 4), ("default", null, 2),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            await using var insert = _dataSource.CreateCommand(
                $"""
                insert into "{PostgreSqlOptions.DefaultSchema}".conversations
                    (workspace, id, contact, channel, source, opened_by_kind, opened_at, state, team, version, queued_order)
                values ($1, $2, $3, 'sms', 1, 1, now(), $4, $5, 1, case when $4 = 2 then nextval('"{PostgreSqlOptions.DefaultSchema}".queue_order') end)
                """);
            insert.Parameters.AddWithValue(rows[i].Workspace);
            insert.Parameters.AddWithValue(Guid.NewGuid());
            insert.Parameters.AddWithValue($"contact-{i}");
            insert.Parameters.AddWithValue((short)rows[i].State);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)rows[i].Team ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync();
        }

        // Ordinal (the columns are collate "C"): upper case before lower case.
        QueuedTeam[] expected =
        [
            new(new WorkspaceId("Zoo"), new TeamId("x")), new(new WorkspaceId("apple"), new TeamId("y")),
            new(default, new TeamId("Zeta")), new(default, new TeamId("alpha")), new(default, new TeamId("beta")),
        ];
        (await _store.ListQueuedTeamsAsync(null, 100, CancellationToken.None)).Should().Equal(expected);
        foreach (var pageSize in new[] { 1, 2, 5 })
        {
            var listed = new List<QueuedTeam>();
            QueuedTeam? after = null;
            IReadOnlyList<QueuedTeam> page;
            do
            {
                page = await _store.ListQueuedTeamsAsync(after, pageSize, CancellationToken.None);
                page.Count.Should().BeLessThanOrEqualTo(pageSize);
                listed.AddRange(page);
                after = page.Count > 0 ? page[^1] : after;
            }
            while (page.Count == pageSize);

            listed.Should().Equal(expected);
        }

        (await _store.ListQueuedTeamsAsync(expected[^1], 10, CancellationToken.None)).Should().BeEmpty();
        (await _store.ListQueuedTeamsAsync(new QueuedTeam(default, new TeamId("Zzz")), 10, CancellationToken.None)).Should().Equal(expected[3..]);
        (await _store.ListQueuedTeamsAsync(null, 0, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Open_AConversationIdAlreadyStored_ThrowsInvalidRequest_AndStoresNothing()
    {
        var first = (await _store.OpenAsync(_samples.AgentOpened(_samples.NewContact()), null, CancellationToken.None)).Conversation;
        var other = _samples.NewContact();

        var open = () => _store.OpenAsync(_samples.AgentOpened(other) with { Id = first.Id }, null, CancellationToken.None).AsTask();

        await open.Should().ThrowAsync<InvalidRequestException>();
        (await _store.ListByContactAsync(default, other, CancellationToken.None)).Should().BeEmpty();
    }
}
