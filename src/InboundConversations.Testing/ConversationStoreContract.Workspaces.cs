using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>The same contact id in two workspaces names two contacts: two conversations, neither visible from the other.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Workspaces_SameContactIdInTwo_AreIndependent()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var acme = new WorkspaceId("acme");
        var globex = new WorkspaceId("globex");

        var inAcme = await store.AppendInboundAsync(Samples.Inbound(contact, "same-id", workspace: acme), CancellationToken.None);
        var inGlobex = await store.AppendInboundAsync(Samples.Inbound(contact, "same-id", workspace: globex), CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Opened, inAcme.Outcome);
        Assert.Equal(InboundAppendOutcome.Opened, inGlobex.Outcome);
        Assert.NotEqual(inAcme.Message.ConversationId, inGlobex.Message.ConversationId);
        Assert.Equal(inAcme.Message.ConversationId, (await store.FindOpenAsync(acme, contact, CancellationToken.None))?.Id);
        Assert.Null(await store.FindAsync(globex, inAcme.Message.ConversationId, CancellationToken.None));
        Assert.Null(await store.FindOpenAsync(default, contact, CancellationToken.None));
        Assert.Single(await store.ListByContactAsync(globex, contact, CancellationToken.None));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => store.ListMessagesAsync(globex, inAcme.Message.ConversationId, CancellationToken.None).AsTask());
    }

    /// <summary>A conversation of one workspace cannot be changed through another.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Workspaces_UpdateOrReplyThroughAnother_ThrowsNotFound()
    {
        var store = CreateStore();
        var acme = new WorkspaceId("acme");
        var opened = await OpenAsync(store, acme);
        var foreign = opened with { Workspace = new WorkspaceId("globex") };

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => store.UpdateAsync(Samples.Closed(foreign), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => store.AppendOutboundAsync(Samples.Reply(foreign), null, CancellationToken.None).AsTask());
        Assert.Equal(opened, await store.FindAsync(acme, opened.Id, CancellationToken.None));
    }
}
