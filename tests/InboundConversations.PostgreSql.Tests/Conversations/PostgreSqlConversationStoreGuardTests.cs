using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Conversations;

/// <summary>
/// Requests the engine never makes but a host calling the store directly might: each refused with the library's
/// exception before the database is touched, and data the index would never allow reported as corruption.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConversationStoreGuardTests(PostgreSqlServer server) : IAsyncLifetime
{
    private readonly StoreSamples _samples = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlConversationStore _store = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("conversation_guards"));
        _store = new PostgreSqlConversationStore(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task AppendInbound_WithoutAnExternalId_IsRefused_StoringNothing(string? externalId)
    {
        var append = _samples.Inbound(_samples.NewContact()) with { ExternalId = externalId! };

        var call = () => _store.AppendInboundAsync(append, CancellationToken.None).AsTask();

        (await call.Should().ThrowAsync<InvalidRequestException>()).Which.Message.Should().Contain("ExternalId");
        (await _store.ListByContactAsync(default, append.Contact, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task AppendInbound_WithNullContent_IsRefused_StoringNothing()
    {
        var append = _samples.Inbound(_samples.NewContact()) with { Content = null! };

        var call = () => _store.AppendInboundAsync(append, CancellationToken.None).AsTask();

        (await call.Should().ThrowAsync<InvalidRequestException>()).Which.Message.Should().Contain("Content");
        (await _store.ListByContactAsync(default, append.Contact, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task AppendOutbound_OfAnInboundMessage_IsRefused_StoringNothing()
    {
        var opened = await _store.AppendInboundAsync(_samples.Inbound(_samples.NewContact()), CancellationToken.None);
        var conversation = opened.OpenedConversation!;
        var inbound = _samples.Reply(conversation) with { Direction = MessageDirection.Inbound };

        var call = () => _store.AppendOutboundAsync(inbound, null, CancellationToken.None).AsTask();

        (await call.Should().ThrowAsync<InvalidRequestException>()).Which.Message.Should().Contain("Direction");
        (await _store.ListMessagesAsync(default, conversation.Id, CancellationToken.None)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Open_WithTheRunOfAnotherConversation_IsRefused_StoringNothing()
    {
        var conversation = _samples.AgentOpened(_samples.NewContact());
        var othersRun = WorkflowRun.Pending(default, new ConversationId(Guid.NewGuid()), conversation.OpenedAt);

        var call = () => _store.OpenAsync(conversation, othersRun, CancellationToken.None).AsTask();

        (await call.Should().ThrowAsync<InvalidRequestException>()).Which.Message.Should().Contain("pendingRun");
        (await _store.FindAsync(default, conversation.Id, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task FindOpen_WhereSomethingElseWroteTwoOpenConversations_ReportsCorruption_NeverNone()
    {
        // A schema without the unique index, as a hand-run script or a restore might leave it.
        const string Schema = "without_index";
        await PostgreSqlMigrations.ApplyAsync(_dataSource, Schema);
        await using (var drop = _dataSource.CreateCommand($"drop index {Schema}.conversations_one_open_per_contact"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        var store = new PostgreSqlConversationStore(_dataSource, new PostgreSqlOptions { Schema = Schema });
        var contact = _samples.NewContact();
        var first = _samples.AgentOpened(contact);
        var second = _samples.AgentOpened(contact);
        await RawRows.InsertConversationAsync(_dataSource, Schema, first);
        await RawRows.InsertConversationAsync(_dataSource, Schema, second);

        var find = () => store.FindOpenAsync(default, contact, CancellationToken.None).AsTask();

        (await find.Should().ThrowAsync<StoreCorruptionException>()).Which.Message.Should().Contain(first.Id.ToString()).And.Contain(second.Id.ToString());
    }
}
