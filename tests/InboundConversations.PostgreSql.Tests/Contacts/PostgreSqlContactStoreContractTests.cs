using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Contacts;

/// <summary>The PostgreSQL contact store keeps every promise of the contact store contract, and validates as the in-memory one does.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlContactStoreContractTests(PostgreSqlServer server) : ContactStoreContract
{
    private string? _schema;

    private NpgsqlDataSource DataSource => DatabasePerClass<PostgreSqlContactStoreContractTests>.Get(server, "contacts");

    // The samples' contact ids are unique to each test instance, so tests could share a schema; each store gets a
    // schema of its own in the class's database anyway, migrated here, so a test can count every row its store wrote.
    protected override IContactStore CreateStore()
    {
        _schema = DatabasePerClass<PostgreSqlContactStoreContractTests>.NewSchema(server, "contacts", "contacts");
        return new PostgreSqlContactStore(DataSource, new PostgreSqlOptions { Schema = _schema });
    }

    [Fact]
    public async Task Update_WithoutRequestOrContact_ThrowsBeforeWriting()
    {
        var store = CreateStore();

        await FluentActions.Awaiting(() => store.UpdateAsync(null!, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => store.UpdateAsync(new ContactUpdate { Workspace = default, Contact = default, AddTags = ["vip"] }, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidIdentifierException>();

        (await CountContactRowsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Update_WithRepeatedTagsAndUnusualText_StoresThemExactly()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["näme \"quoted\""] = "{\"json\": [1]}", ["empty"] = string.Empty };

        var updated = await store.UpdateAsync(new ContactUpdate { Workspace = default, Contact = contact, SetFields = fields, AddTags = ["b", "a", "b", "ção"] }, CancellationToken.None);
        var read = await store.GetAsync(default, contact, CancellationToken.None);

        foreach (var profile in new[] { updated, read })
        {
            profile.Fields.Should().BeEquivalentTo(fields);
            profile.Tags.Should().BeEquivalentTo(["a", "b", "ção"]);
        }
    }

    private async Task<long> CountContactRowsAsync()
    {
        await using var command = DataSource.CreateCommand($"select count(*) from \"{_schema}\".contacts");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
