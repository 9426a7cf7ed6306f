using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>An update over the current version is stored at the next version.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_OverTheCurrentVersion_StoresTheNextVersion()
    {
        var store = CreateStore();
        var opened = await OpenAsync(store);

        var closed = await store.UpdateAsync(Samples.Closed(opened), CancellationToken.None);

        Assert.Equal(2, closed.Version);
        Assert.Equal(ConversationState.Closed, closed.State);
        var read = await store.FindAsync(default, opened.Id, CancellationToken.None);
        Assert.Equal(closed, read);
    }

    /// <summary>A stale update is rejected with the library's concurrency exception and changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_OverAStaleVersion_ThrowsConcurrencyConflictAndChangesNothing()
    {
        var store = CreateStore();
        var opened = await OpenAsync(store);
        var assigned = await store.UpdateAsync(opened with { State = ConversationState.Assigned }, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync(Samples.Closed(opened), CancellationToken.None).AsTask());

        Assert.Equal(opened.Id, stale.ConversationId);
        Assert.Equal(assigned, await store.FindAsync(default, opened.Id, CancellationToken.None));
    }

    /// <summary>Concurrent updates over one version: exactly one wins; the others get the concurrency exception.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_RacingOverOneVersion_ExactlyOneWins()
    {
        var store = CreateStore();
        var opened = await OpenAsync(store);

        var outcomes = await RaceUpdatesAsync(16, async _ => await store.UpdateAsync(opened with { State = ConversationState.Assigned }, CancellationToken.None));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await store.FindAsync(default, opened.Id, CancellationToken.None))?.Version);
    }

    /// <summary>Closing twice: the second close is refused (stale, or closed), and the first closure stays.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_OfAClosedConversation_ThrowsConversationClosed()
    {
        var store = CreateStore();
        var opened = await OpenAsync(store);
        var closed = await store.UpdateAsync(Samples.Closed(opened), CancellationToken.None);

        await Assert.ThrowsAsync<ConversationClosedException>(() => store.UpdateAsync(Samples.Closed(closed), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ConversationClosedException>(() => store.UpdateAsync(closed with { State = ConversationState.Assigned, Closure = null }, CancellationToken.None).AsTask());
        Assert.Equal(closed, await store.FindAsync(default, opened.Id, CancellationToken.None));
    }

    /// <summary>Updating a conversation that does not exist says so.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Update_OfAnUnknownConversation_ThrowsNotFound()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => store.UpdateAsync(Samples.AgentOpened(Samples.NewContact()), CancellationToken.None).AsTask());
    }
}
