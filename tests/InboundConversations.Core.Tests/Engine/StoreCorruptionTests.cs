using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Invariant 10 as the engine shows it: two open conversations for one contact are reported, never treated as none.</summary>
public sealed class StoreCorruptionTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Receive_WhenStoreHoldsTwoOpenConversationsForTheContact_ThrowsStoreCorruptionAndAppendsNothing()
    {
        var first = Open(TestInbox.Start);
        var second = Open(TestInbox.Start.AddMinutes(1));
        _inbox.Store.Import(first);
        _inbox.Store.Import(second);
        var before = await InboxState.CaptureAsync(_inbox);

        var rejected = (await _inbox.Invoking(i => i.ReceiveAsync().AsTask()).Should().ThrowExactlyAsync<StoreCorruptionException>()).Which;

        rejected.ConversationIds.Should().BeEquivalentTo([first.Id, second.Id]);
        rejected.Should().BeAssignableTo<InboundConversationsException>();
        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
        await _inbox.Invoking(i => i.Engine.FindOpenConversationAsync(TestInbox.Contact()).AsTask())
            .Should().ThrowExactlyAsync<StoreCorruptionException>();
    }

    public void Dispose() => _inbox.Dispose();

    private static Conversation Open(DateTimeOffset at) => new()
    {
        Workspace = WorkspaceId.Default,
        Id = ConversationId.New(at),
        Contact = TestInbox.Contact(),
        Channel = TestInbox.Channel(),
        Source = ConversationSource.Api,
        OpenedBy = Actor.Api("legacy-import"),
        OpenedAt = at,
        State = ConversationState.Assigned,
        Version = 1,
    };
}
