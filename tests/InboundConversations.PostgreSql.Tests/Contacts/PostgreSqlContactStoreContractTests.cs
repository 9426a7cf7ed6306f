using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Storage.PostgreSql;
using InboundConversations.Testing.Contracts;

namespace InboundConversations.PostgreSql.Tests.Contacts;

/// <summary>The PostgreSQL contact store keeps every promise of the contact store contract, and validates as the in-memory one does.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlContactStoreContractTests(PostgreSqlServer server) : ContactStoreContract
{
    private static int s_schemas;

    // The contract's contact ids (contact-1, contact-2, …) restart with every test instance, so tests sharing one
    // schema would see each other's contacts: each store gets a schema of its own in the class's database.
    protected override IContactStore CreateStore() =>
        new PostgreSqlContactStore(
            DatabasePerClass<PostgreSqlContactStoreContractTests>.Get(server, "contacts"),
            new PostgreSqlOptions { Schema = $"contacts_{Interlocked.Increment(ref s_schemas)}" });

    [Fact]
    public async Task Update_WithoutRequestOrContact_ThrowsBeforeWriting()
    {
        var store = CreateStore();

        await FluentActions.Awaiting(() => store.UpdateAsync(null!, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => store.UpdateAsync(new ContactUpdate { Workspace = default, Contact = default, AddTags = ["vip"] }, CancellationToken.None).AsTask())
            .Should().ThrowAsync<InvalidIdentifierException>();

        (await store.GetAsync(default, default, CancellationToken.None)).Tags.Should().BeEmpty();
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
}
