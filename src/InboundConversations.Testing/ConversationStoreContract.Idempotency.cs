using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>The same (channel, external id) again: a duplicate naming the original; nothing recorded twice.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_SameChannelAndExternalIdAgain_IsADuplicateOfTheOriginal()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var original = await store.AppendInboundAsync(Samples.Inbound(contact, "wamid-1"), CancellationToken.None);

        var again = await store.AppendInboundAsync(Samples.Inbound(contact, "wamid-1"), CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Duplicate, again.Outcome);
        Assert.Equal(original.Message.Id, again.Message.Id);
        Assert.Equal(original.Message.ConversationId, again.Message.ConversationId);
        Assert.Null(again.OpenedConversation);
        Assert.Single(await store.ListMessagesAsync(default, original.Message.ConversationId, CancellationToken.None));
    }

    /// <summary>Concurrent redeliveries of one message: recorded once; every other caller told "duplicate" with the original's id.</summary>
    /// <param name="callers">How many race.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public virtual async Task AppendInbound_SameExternalIdConcurrently_RecordsOneMessage(int callers)
    {
        var store = CreateStore();
        var contact = Samples.NewContact();

        var results = await RaceAsync(callers, _ => store.AppendInboundAsync(Samples.Inbound(contact, "wamid-race"), CancellationToken.None));

        var recorded = Assert.Single(results, r => r.Outcome != InboundAppendOutcome.Duplicate);
        Assert.Equal(InboundAppendOutcome.Opened, recorded.Outcome);
        Assert.All(results, r => Assert.Equal(recorded.Message.Id, r.Message.Id));
        Assert.Single(await store.ListMessagesAsync(default, recorded.Message.ConversationId, CancellationToken.None));
    }

    /// <summary>The same external id on another channel is another message.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_SameExternalIdOnAnotherChannel_IsAnotherMessage()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var onWhatsApp = await store.AppendInboundAsync(Samples.Inbound(contact, "42", "whatsapp"), CancellationToken.None);

        var onEmail = await store.AppendInboundAsync(Samples.Inbound(contact, "42", "email"), CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Appended, onEmail.Outcome);
        Assert.NotEqual(onWhatsApp.Message.Id, onEmail.Message.Id);
        Assert.Equal(2, (await store.ListMessagesAsync(default, onWhatsApp.Message.ConversationId, CancellationToken.None)).Count);
    }

    /// <summary>A redelivery after the conversation closed is still a duplicate: it opens nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_RedeliveryAfterClose_IsADuplicateAndOpensNothing()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var original = await store.AppendInboundAsync(Samples.Inbound(contact, "wamid-late"), CancellationToken.None);
        await store.UpdateAsync(Samples.Closed(original.OpenedConversation!), CancellationToken.None);

        var late = await store.AppendInboundAsync(Samples.Inbound(contact, "wamid-late"), CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Duplicate, late.Outcome);
        Assert.Equal(original.Message.Id, late.Message.Id);
        Assert.Null(await store.FindOpenAsync(default, contact, CancellationToken.None));
        Assert.Single(await store.ListByContactAsync(default, contact, CancellationToken.None));
    }

    /// <summary>Many contacts writing concurrently, each several messages: one conversation each, every message once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_ManyContactsConcurrently_EachGetsOneConversationWithAllItsMessages()
    {
        var store = CreateStore();
        var contacts = Enumerable.Range(0, 16).Select(_ => Samples.NewContact()).ToArray();

        await RaceAsync(contacts.Length * 8, i => store.AppendInboundAsync(Samples.Inbound(contacts[i % contacts.Length]), CancellationToken.None));

        foreach (var contact in contacts)
        {
            var conversation = Assert.Single(await store.ListByContactAsync(default, contact, CancellationToken.None));
            Assert.Equal(8, (await store.ListMessagesAsync(default, conversation.Id, CancellationToken.None)).Count);
        }
    }
}
