using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>N callers appending for one contact with none open: one conversation, one opener, same id for all.</summary>
    /// <param name="callers">How many race.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public virtual async Task AppendInbound_RacingForOneContact_OpensExactlyOneConversation(int callers)
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        var results = await RaceAsync(callers, _ => store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None));

        Assert.Single(results, r => r.Outcome == InboundAppendOutcome.Opened);
        Assert.Single(results.Select(r => r.Message.ConversationId).Distinct());
        var conversations = await store.ListByContactAsync(default, contact, CancellationToken.None);
        Assert.Single(conversations);
        var messages = await store.ListMessagesAsync(default, conversations[0].Id, CancellationToken.None);
        Assert.Equal(callers, messages.Count);
        Assert.Equal(Enumerable.Range(1, callers).Select(i => (long)i), messages.Select(m => m.Sequence));
    }

    /// <summary>N callers opening explicitly for one contact: exactly one is told it opened; all see the same conversation.</summary>
    /// <param name="callers">How many race.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public virtual async Task Open_RacingForOneContact_OpensExactlyOne(int callers)
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        var results = await RaceAsync(callers, _ => store.OpenAsync(Samples.AgentOpened(contact), null, CancellationToken.None));

        Assert.Single(results, r => r.Opened);
        Assert.Single(results.Select(r => r.Conversation.Id).Distinct());
        Assert.Single(await store.ListByContactAsync(default, contact, CancellationToken.None));
    }

    /// <summary>Explicit opens and inbound messages racing for one contact still leave one open conversation.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task OpenAndAppendInbound_Racing_LeaveOneOpenConversation()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        var ids = await RaceAsync(32, async i => i % 2 == 0
            ? (await store.OpenAsync(Samples.AgentOpened(contact), null, CancellationToken.None)).Conversation.Id
            : (await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None)).Message.ConversationId);

        Assert.Single(ids.Distinct());
        var open = await store.FindOpenAsync(default, contact, CancellationToken.None);
        Assert.Equal(ids[0], open?.Id);
    }

    /// <summary>An explicit open while one is open returns the open one and opens nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_WhenOneIsOpen_ReturnsTheOpenOneAndOpensNothing()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None);

        var second = await store.OpenAsync(Samples.AgentOpened(contact), null, CancellationToken.None);

        Assert.False(second.Opened);
        Assert.Equal(first.Message.ConversationId, second.Conversation.Id);
        Assert.Single(await store.ListByContactAsync(default, contact, CancellationToken.None));
    }

    /// <summary>A new conversation is stored as given, at version 1, with source Contact for an inbound opening.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_WhenNoneOpen_StoresTheNewConversationAsDescribed()
    {
        var store = CreateStore();
        var append = Samples.Inbound(Samples.NewContact());

        var result = await store.AppendInboundAsync(append, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Opened, result.Outcome);
        Assert.NotNull(result.OpenedConversation);
        var stored = await store.FindAsync(default, append.NewConversationId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(ConversationSource.Contact, stored.Source);
        Assert.Equal(append.NewConversationState, stored.State);
        Assert.Equal(1, stored.Version);
        Assert.Equal(append.MessageId, result.Message.Id);
        Assert.Equal(1, result.Message.Sequence);
    }

    /// <summary>Close, then a new message: a new conversation with a new id; the closed one stays closed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_AfterClose_OpensANewConversation()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None);
        await store.UpdateAsync(Samples.Closed(first.OpenedConversation!), CancellationToken.None);

        var next = await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Opened, next.Outcome);
        Assert.NotEqual(first.Message.ConversationId, next.Message.ConversationId);
        var old = await store.FindAsync(default, first.Message.ConversationId, CancellationToken.None);
        Assert.Equal(ConversationState.Closed, old?.State);
        Assert.Single(await store.ListMessagesAsync(default, first.Message.ConversationId, CancellationToken.None));
        var history = await store.ListByContactAsync(default, contact, CancellationToken.None);
        Assert.Equal([first.Message.ConversationId, next.Message.ConversationId], history.Select(c => c.Id));
    }

    /// <summary>
    /// A close racing an inbound message never loses it: it lands in the old conversation, or it opens the next
    /// one; it never lands in a conversation after that conversation is closed.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task CloseRacingAppendInbound_NeverLosesTheMessage()
    {
        var store = CreateStore();
        for (var round = 0; round < 50; round++)
        {
            var contact = Samples.NewContact();
            var opened = (await store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None)).OpenedConversation!;
            var append = Samples.Inbound(contact);
            var close = Samples.Closed(opened);

            var outcomes = await RaceAsync(2, async i => i == 0
                ? (await store.AppendInboundAsync(append, CancellationToken.None)).Message.ConversationId
                : (await store.UpdateAsync(close, CancellationToken.None)).Id);

            var landedIn = outcomes[0];
            var messages = await store.ListMessagesAsync(default, landedIn, CancellationToken.None);
            Assert.Single(messages, m => m.Id == append.MessageId);
            var all = await store.ListByContactAsync(default, contact, CancellationToken.None);
            var holding = await Task.WhenAll(all.Select(async c => (await store.ListMessagesAsync(default, c.Id, CancellationToken.None)).Count(m => m.Id == append.MessageId)));
            Assert.Equal(1, holding.Sum());
            if (landedIn == opened.Id)
            {
                // It landed before the close: the close came after it and the contact now has nothing open.
                Assert.Null(await store.FindOpenAsync(default, contact, CancellationToken.None));
            }
            else
            {
                Assert.Equal(landedIn, (await store.FindOpenAsync(default, contact, CancellationToken.None))?.Id);
            }
        }
    }

    /// <summary>Two open conversations for one contact (written by something else) are reported, never read as "none".</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task FindOpen_WithTwoOpenConversationsForOneContact_ReportsCorruption()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = Samples.AgentOpened(contact);
        var second = Samples.AgentOpened(contact);
        Assert.True(await TryWriteUncheckedAsync(store, first), "the first open conversation must be writable");

        if (!await TryWriteUncheckedAsync(store, second))
        {
            // The database refuses the second open conversation itself: the corrupt state cannot arise.
            Assert.Equal(first.Id, (await store.FindOpenAsync(default, contact, CancellationToken.None))?.Id);
            return;
        }

        var findOpen = await Assert.ThrowsAsync<StoreCorruptionException>(() => store.FindOpenAsync(default, contact, CancellationToken.None).AsTask());
        Assert.Contains(first.Id, findOpen.ConversationIds);
        Assert.Contains(second.Id, findOpen.ConversationIds);
        await Assert.ThrowsAsync<StoreCorruptionException>(() => store.AppendInboundAsync(Samples.Inbound(contact), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<StoreCorruptionException>(() => store.OpenAsync(Samples.AgentOpened(contact), null, CancellationToken.None).AsTask());
    }
}
