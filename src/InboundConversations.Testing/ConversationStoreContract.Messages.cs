using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>Inbound and outbound messages are read back in the order recorded, with consecutive sequences.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListMessages_ReturnsInboundAndOutboundInRecordedOrder()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None);
        var reply = await store.AppendOutboundAsync(Samples.Reply(first.OpenedConversation!), null, CancellationToken.None);
        var second = await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None);

        var messages = await store.ListMessagesAsync(default, first.Message.ConversationId, CancellationToken.None);

        Assert.Equal([first.Message.Id, reply.Id, second.Message.Id], messages.Select(m => m.Id));
        Assert.Equal([1L, 2L, 3L], messages.Select(m => m.Sequence));
        Assert.Equal([MessageDirection.Inbound, MessageDirection.Outbound, MessageDirection.Inbound], messages.Select(m => m.Direction));
        Assert.Equal(first.Message, messages[0]);
    }

    /// <summary>An outbound message to a closed conversation is refused and not recorded.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendOutbound_ToAClosedConversation_ThrowsConversationClosed()
    {
        var store = CreateStore();
        var opened = await OpenAsync(store);
        await store.UpdateAsync(Samples.Closed(opened), CancellationToken.None);

        await Assert.ThrowsAsync<ConversationClosedException>(() => store.AppendOutboundAsync(Samples.Reply(opened), null, CancellationToken.None).AsTask());

        Assert.Empty(await store.ListMessagesAsync(default, opened.Id, CancellationToken.None));
    }

    /// <summary>Messages of an unknown conversation, or an outbound message to one, say "not found".</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Messages_OfAnUnknownConversation_ThrowNotFound()
    {
        var store = CreateStore();
        var unknown = Samples.AgentOpened(Samples.NewContact());

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => store.ListMessagesAsync(default, unknown.Id, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => store.AppendOutboundAsync(Samples.Reply(unknown), null, CancellationToken.None).AsTask());
        Assert.Null(await store.FindAsync(default, unknown.Id, CancellationToken.None));
    }

    /// <summary>A contact never seen has no open conversation and no history.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Reads_ForAnUnknownContact_AreEmpty()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        Assert.Null(await store.FindOpenAsync(default, contact, CancellationToken.None));
        Assert.Empty(await store.ListByContactAsync(default, contact, CancellationToken.None));
    }
}
