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
/// public sealed class SqlConversationStoreTests : ConversationStoreContract
/// {
///     protected override IConversationStore CreateStore() => new SqlConversationStore(TestDatabase.ConnectionString);
///
///     // False: the database's unique index makes two open conversations for one contact impossible.
///     protected override ValueTask&lt;bool&gt; TryWriteUncheckedAsync(IConversationStore store, Conversation conversation) =>
///         ValueTask.FromResult(false);
/// }
/// </code>
/// </example>
/// <remarks>
/// Each test calls <see cref="CreateStore"/> once and uses fresh contact ids, so a store over a shared database
/// need not be emptied between tests. The race tests start many callers at once on the thread pool.
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
    /// Writes <paramref name="conversation"/> as it is, bypassing the store's checks, to show how the store reports
    /// data it would never write itself (two open conversations for one contact). Return <see langword="false"/>
    /// if the database itself makes such data impossible (a unique index, say): the corruption test then checks
    /// that the second write is refused instead.
    /// </summary>
    /// <param name="store">The store from <see cref="CreateStore"/>.</param>
    /// <param name="conversation">The conversation to write as is.</param>
    /// <returns>True if it was written.</returns>
    protected abstract ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation);

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="call"/> at once and waits for all.</summary>
    /// <typeparam name="T">What each call returns.</typeparam>
    /// <param name="count">How many callers.</param>
    /// <param name="call">The call, given the caller's index.</param>
    /// <returns>Every caller's result, in caller order.</returns>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, ValueTask<T>> call) => Race.RunAsync(count, call);

    private static CancellationToken Cancelled() => new(canceled: true);
}
