using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>A cancelled token is honoured by every write, and nothing is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Writes_WithACancelledToken_ThrowAndWriteNothing()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var opened = await OpenAsync(store, contact: contact);
        var other = Samples.NewContact();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendInboundAsync(Samples.Inbound(other), Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.OpenAsync(Samples.AgentOpened(other), null, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendOutboundAsync(Samples.Reply(opened), null, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.AppendOutboundAsync(Samples.Reply(opened), new ConversationTimer(ConversationTimerKind.AutoClose, Samples.NextTime(), Samples.NextTime()), Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.AppendInboundAsync(Samples.Inbound(contact) with { CancelTimers = [ConversationTimerKind.AutoClose] }, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpdateAsync(Samples.Closed(opened), Cancelled()).AsTask());

        Assert.Empty(await store.ListByContactAsync(default, other, CancellationToken.None));
        Assert.Empty(await store.ListMessagesAsync(default, opened.Id, CancellationToken.None));
        Assert.Equal(opened, await store.FindAsync(default, opened.Id, CancellationToken.None));
    }

    /// <summary>A cancelled token is honoured by every read.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reads_WithACancelledToken_Throw()
    {
        var store = CreateStore();
        var opened = await OpenAsync(store);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindAsync(default, opened.Id, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindOpenAsync(default, opened.Contact, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListByContactAsync(default, opened.Contact, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListMessagesAsync(default, opened.Id, Cancelled()).AsTask());
    }
}
