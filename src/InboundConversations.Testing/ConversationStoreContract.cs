using InboundConversations.Storage;
using InboundConversations.Testing.Internal;
using Xunit;

namespace InboundConversations.Testing;

/// <summary>
/// The contract every <see cref="IConversationStore"/> must keep (the README, "Writing a storage adapter"), as xunit
/// tests. Inherit it in your adapter's test project and override <see cref="CreateStore"/> and
/// <see cref="TryWriteUncheckedAsync"/>; every test then runs against your store.
/// </summary>
/// <example>
/// <code>
/// [Collection(nameof(TestDatabase))]
/// public sealed class SqlConversationStoreTests(TestDatabase database) : ConversationStoreContract
/// {
///     protected override IConversationStore CreateStore() => new SqlConversationStore(database.DataSource);
///
///     // Write the row as it is, past the store's checks (a plain INSERT): the corruption test writes two open
///     // conversations of one contact this way and expects the store to report them. Return false only when the
///     // database itself refuses the row (a unique index on a contact's open conversation).
///     protected override async ValueTask&lt;bool&gt; TryWriteUncheckedAsync(IConversationStore store, Conversation conversation)
///     {
///         try
///         {
///             await database.InsertConversationRowAsync(conversation);
///             return true;
///         }
///         catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
///         {
///             return false;
///         }
///     }
/// }
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Each test calls <see cref="CreateStore"/> once and uses fresh contact ids, so a store over a shared database
/// need not be emptied between tests. The race tests start many callers at once on the thread pool.
/// </para>
/// <para>
/// Every test is <c>public virtual</c>. To skip one, override it with the reason:
/// <c>[Fact(Skip = "why")] public override Task Name() => base.Name();</c> (a theory: <c>[Theory(Skip = "why")]</c>
/// and one <c>[InlineData]</c> row, as xunit's analyzer asks); xunit reports it skipped, once. An override without
/// attributes keeps the test's own and its rows, so it can add to the test and call <c>base</c>. Derive from
/// <see cref="StorageContractCoverage"/> once, so that a suite the project forgot fails the run.
/// </para>
/// </remarks>
public abstract partial class ConversationStoreContract
{
    /// <summary>The time the samples start at.</summary>
    protected static readonly DateTimeOffset SampleStart = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Fresh requests for the tests.</summary>
    protected StoreSamples Samples { get; } = new(SampleStart);

    /// <summary>Creates the store under test.</summary>
    /// <returns>A store ready for use; it may already hold data of other tests.</returns>
    protected abstract IConversationStore CreateStore();

    /// <summary>
    /// Writes <paramref name="conversation"/>'s row as it is, past the store's checks (a plain insert), so that the
    /// corruption test can write what the store never would (two open conversations for one contact) and see the
    /// store report it. Return <see langword="false"/> only when the database itself refuses the row (a unique
    /// index on a contact's open conversation, say): the test then checks that the store still reads the first one.
    /// The first write of the test must succeed: a hook that always returns <see langword="false"/> fails it.
    /// </summary>
    /// <param name="store">The store from <see cref="CreateStore"/>.</param>
    /// <param name="conversation">The conversation to write as is.</param>
    /// <returns>True if the row was written; false if the database refused it as a unique violation.</returns>
    protected abstract ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation);

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="call"/> at once and waits for all.</summary>
    /// <typeparam name="T">What each call returns.</typeparam>
    /// <param name="count">How many callers.</param>
    /// <param name="call">The call, given the caller's index.</param>
    /// <returns>Every caller's result, in caller order.</returns>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, ValueTask<T>> call) => Race.RunAsync(count, call);

    /// <summary>
    /// Runs <paramref name="count"/> calls of <paramref name="update"/> at once and tells, in caller order, which of
    /// them won: those that threw <see cref="ConcurrencyConflictException"/> lost.
    /// </summary>
    private static Task<bool[]> RaceUpdatesAsync(int count, Func<int, ValueTask> update) =>
        RaceAsync(count, async i =>
        {
            try
            {
                await update(i).ConfigureAwait(false);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        });

    /// <summary>Opens a conversation, by an agent, for <paramref name="contact"/> (a fresh one if none is given).</summary>
    private async Task<Conversation> OpenAsync(IConversationStore store, WorkspaceId workspace = default, ContactId? contact = null) =>
        (await store.OpenAsync(Samples.AgentOpened(contact ?? Samples.NewContact(), workspace), null, CancellationToken.None).ConfigureAwait(false)).Conversation;

    /// <summary>Opens a conversation for a fresh contact and puts it in <paramref name="team"/>'s queue.</summary>
    private async Task<Conversation> QueuedAsync(IConversationStore store, TeamId team, WorkspaceId workspace = default) =>
        await store.UpdateAsync(Samples.Queued(await OpenAsync(store, workspace).ConfigureAwait(false), team), CancellationToken.None).ConfigureAwait(false);

    /// <summary>Opens a conversation for a fresh contact with a pending workflow run, and returns the run as stored.</summary>
    private async Task<WorkflowRun> OpenWithRunAsync(IConversationStore store, DateTimeOffset? createdAt = null, WorkspaceId workspace = default)
    {
        var conversation = Samples.AgentOpened(Samples.NewContact(), workspace);
        var pending = WorkflowRun.Pending(workspace, conversation.Id, createdAt ?? conversation.OpenedAt);
        Assert.True((await store.OpenAsync(conversation, pending, CancellationToken.None).ConfigureAwait(false)).Opened);
        return await store.FindWorkflowRunAsync(workspace, conversation.Id, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the pending run stored with the opening was not found");
    }

    private static CancellationToken Cancelled() => new(canceled: true);
}
