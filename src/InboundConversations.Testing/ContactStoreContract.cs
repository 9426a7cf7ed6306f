using InboundConversations.Storage;
using InboundConversations.Testing.Internal;
using Xunit;

namespace InboundConversations.Testing;

/// <summary>
/// The contract every <see cref="IContactStore"/> must keep (fields and tags updated atomically, none lost to a
/// concurrent update, workspaces isolated), as xunit tests. Inherit it in your adapter's test project and override
/// <see cref="CreateStore"/>; every test then runs against your store.
/// </summary>
/// <example>
/// <code>
/// [Collection(nameof(TestDatabase))]
/// public sealed class SqlContactStoreTests(TestDatabase database) : ContactStoreContract
/// {
///     protected override IContactStore CreateStore() => new SqlContactStore(database.DataSource);
/// }
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Each test calls <see cref="CreateStore"/> once and uses fresh contact ids, so a store over a shared database
/// need not be emptied between tests. The race test starts many callers at once on the thread pool.
/// </para>
/// <para>
/// Every test is <c>public virtual</c>. To skip one, override it with the reason:
/// <c>[Fact(Skip = "why")] public override Task Name() => base.Name();</c> (a theory: <c>[Theory(Skip = "why")]</c>
/// and one <c>[InlineData]</c> row, as xunit's analyzer asks); xunit reports it skipped, once. An override without
/// attributes keeps the test's own and its rows, so it can add to the test and call <c>base</c>. Derive from
/// <see cref="StorageContractCoverage"/> once, so that a suite the project forgot fails the run.
/// </para>
/// </remarks>
public abstract class ContactStoreContract
{
    /// <summary>Fresh ids for the tests.</summary>
    protected StoreSamples Samples { get; } = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Creates the store under test.</summary>
    /// <returns>A store ready for use; it may already hold data of other tests.</returns>
    protected abstract IContactStore CreateStore();

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="call"/> at once and waits for all.</summary>
    /// <typeparam name="T">What each call returns.</typeparam>
    /// <param name="count">How many callers.</param>
    /// <param name="call">The call, given the caller's index.</param>
    /// <returns>Every caller's result, in caller order.</returns>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, ValueTask<T>> call) => Race.RunAsync(count, call);

    /// <summary>A contact never written has an empty profile, not an error.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Get_OfAnUnknownContact_IsAnEmptyProfile()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        var profile = await store.GetAsync(default, contact, CancellationToken.None);

        Assert.Equal(contact, profile.Id);
        Assert.Equal(WorkspaceId.Default, profile.Workspace);
        Assert.Empty(profile.Fields);
        Assert.Empty(profile.Tags);
    }

    /// <summary>An update sets fields (overwriting those it names) and adds tags; other fields and tags are kept.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_SetsFieldsAndAddsTags_KeepingTheOthers()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        await store.UpdateAsync(Update(contact, fields: new() { ["tier"] = "silver", ["language"] = "es" }, tags: ["vip"]), CancellationToken.None);

        var updated = await store.UpdateAsync(Update(contact, fields: new() { ["tier"] = "gold", ["Tier"] = "other key" }, tags: ["returning"]), CancellationToken.None);

        AssertProfile(updated, new() { ["tier"] = "gold", ["Tier"] = "other key", ["language"] = "es" }, ["vip", "returning"]);
        var read = await store.GetAsync(default, contact, CancellationToken.None);
        Assert.Equal(contact, read.Id);
        AssertProfile(read, new() { ["tier"] = "gold", ["Tier"] = "other key", ["language"] = "es" }, ["vip", "returning"]);
    }

    /// <summary>An update of a contact never written creates the profile; an empty update changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_OfANewContact_CreatesTheProfile_AndAnEmptyUpdateChangesNothing()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        var created = await store.UpdateAsync(Update(contact, fields: new() { ["crm"] = "42" }, tags: ["new"]), CancellationToken.None);
        var unchanged = await store.UpdateAsync(Update(contact, fields: [], tags: []), CancellationToken.None);
        var sameTagAgain = await store.UpdateAsync(Update(contact, fields: [], tags: ["new"]), CancellationToken.None);

        Assert.Equal(contact, created.Id);
        AssertProfile(created, new() { ["crm"] = "42" }, ["new"]);
        AssertProfile(unchanged, new() { ["crm"] = "42" }, ["new"]);
        AssertProfile(sameTagAgain, new() { ["crm"] = "42" }, ["new"]);
        AssertProfile(await store.GetAsync(default, contact, CancellationToken.None), new() { ["crm"] = "42" }, ["new"]);
    }

    /// <summary>Concurrent updates of different fields and tags of one contact, round after round: all land, none is lost.</summary>
    /// <param name="callers">How many race.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(64)]
    public virtual async Task Update_Concurrently_LosesNothing(int callers)
    {
        var store = CreateStore();
        for (var round = 0; round < 20; round++)
        {
            var contact = Samples.NewContact();

            await RaceAsync(callers, i => store.UpdateAsync(Update(contact, fields: new() { [$"field-{i}"] = $"value-{i}" }, tags: [$"tag-{i}"]), CancellationToken.None));

            var profile = await store.GetAsync(default, contact, CancellationToken.None);
            AssertProfile(
                profile,
                Enumerable.Range(0, callers).ToDictionary(i => $"field-{i}", i => $"value-{i}", StringComparer.Ordinal),
                Enumerable.Range(0, callers).Select(i => $"tag-{i}").ToArray());
        }
    }

    /// <summary>The same contact id in two workspaces names two contacts: neither sees the other's fields or tags.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Workspaces_SameContactIdInTwo_AreIndependent()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var acme = new WorkspaceId("acme");
        var globex = new WorkspaceId("globex");

        await store.UpdateAsync(Update(contact, fields: new() { ["tier"] = "gold" }, tags: ["vip"], acme), CancellationToken.None);
        var inGlobex = await store.UpdateAsync(Update(contact, fields: new() { ["language"] = "fr" }, tags: ["new"], globex), CancellationToken.None);

        AssertProfile(inGlobex, new() { ["language"] = "fr" }, ["new"]);
        var inAcme = await store.GetAsync(acme, contact, CancellationToken.None);
        Assert.Equal(acme, inAcme.Workspace);
        AssertProfile(inAcme, new() { ["tier"] = "gold" }, ["vip"]);
        var readGlobex = await store.GetAsync(globex, contact, CancellationToken.None);
        Assert.Equal(globex, readGlobex.Workspace);
        AssertProfile(readGlobex, new() { ["language"] = "fr" }, ["new"]);
        AssertProfile(await store.GetAsync(default, contact, CancellationToken.None), [], []);
    }

    /// <summary>A cancelled token is honoured by reads and updates, and the update writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Calls_WithACancelledToken_ThrowAndWriteNothing()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        await store.UpdateAsync(Update(contact, fields: new() { ["tier"] = "silver" }, tags: []), CancellationToken.None);
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpdateAsync(Update(contact, fields: new() { ["tier"] = "gold" }, tags: ["vip"]), cancelled).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(default, contact, cancelled).AsTask());

        AssertProfile(await store.GetAsync(default, contact, CancellationToken.None), new() { ["tier"] = "silver" }, []);
    }

    /// <summary>
    /// A null update is an argument error; an update of the default contact id, which names nobody, throws an
    /// invalid identifier naming <see cref="ContactId"/>, even when it changes nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_WithANullUpdateOrTheDefaultContact_Throws()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpdateAsync(null!, CancellationToken.None).AsTask());
        var withFields = await Assert.ThrowsAsync<InvalidIdentifierException>(() => store.UpdateAsync(Update(default, fields: new() { ["tier"] = "gold" }, tags: ["vip"]), CancellationToken.None).AsTask());
        var empty = await Assert.ThrowsAsync<InvalidIdentifierException>(() => store.UpdateAsync(Update(default, fields: [], tags: []), CancellationToken.None).AsTask());

        Assert.Equal(nameof(ContactId), withFields.Field);
        Assert.Equal(nameof(ContactId), empty.Field);
        Assert.Equal("The ContactId is not valid: it is missing (the default value).", withFields.Message);
    }

    private static ContactUpdate Update(ContactId contact, Dictionary<string, string> fields, string[] tags, WorkspaceId workspace = default) => new()
    {
        Workspace = workspace,
        Contact = contact,
        SetFields = new Dictionary<string, string>(fields, StringComparer.Ordinal),
        AddTags = tags,
    };

    private static void AssertProfile(ContactProfile profile, Dictionary<string, string> fields, string[] tags)
    {
        Assert.Equal(
            fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"),
            profile.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        Assert.Equal(tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), profile.Tags.Order(StringComparer.Ordinal));
    }
}
