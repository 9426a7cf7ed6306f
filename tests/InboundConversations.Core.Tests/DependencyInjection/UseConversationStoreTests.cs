using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.DependencyInjection;

/// <summary>UseConversationStore replaces the in-memory default with the host's store.</summary>
public sealed class UseConversationStoreTests
{
    [Fact]
    public async Task UseConversationStoreOfT_ReplacesTheInMemoryStore()
    {
        using var inbox = new TestInbox(build: b => b.UseConversationStore<CountingConversationStore>());

        var result = await inbox.ReceiveAsync();
        await inbox.CloseAsync(result.ConversationId);

        var store = inbox.Services.GetRequiredService<IConversationStore>().Should().BeOfType<CountingConversationStore>().Subject;
        store.Writes.Should().Be(2);
        (await inbox.Store.ListByContactAsync(default, TestInbox.Contact(), default)).Should().BeEmpty("the in-memory default is not used");
        (await inbox.Engine.GetConversationAsync(result.ConversationId)).State.Should().Be(ConversationState.Closed, "reads go to the host's store too");
    }

    [Fact]
    public async Task UseConversationStoreWithFactory_ReplacesTheInMemoryStore()
    {
        var hostStore = new CountingConversationStore();
        using var inbox = new TestInbox(build: b => b.UseConversationStore(_ => hostStore));

        await inbox.ReceiveAsync();

        hostStore.Writes.Should().Be(1);
        inbox.Services.GetServices<IConversationStore>().Should().ContainSingle().Which.Should().BeSameAs(hostStore);
    }

    [Fact]
    public void UseConversationStoreOfT_LeavesOneStoreRegistration()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations().UseConversationStore<CountingConversationStore>();

        services.Where(d => d.ServiceType == typeof(IConversationStore)).Should().ContainSingle()
            .Which.ImplementationType.Should().Be<CountingConversationStore>();
    }
}
