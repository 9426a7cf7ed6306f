using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Reads of what does not exist, or with missing ids, throw specific exceptions.</summary>
public sealed class QueryValidationTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task GetConversation_Unknown_ThrowsConversationNotFound()
    {
        var unknown = ConversationId.New(_inbox.Clock.GetUtcNow());

        var rejected = (await _inbox.Invoking(i => i.Engine.GetConversationAsync(unknown).AsTask())
            .Should().ThrowExactlyAsync<ConversationNotFoundException>()).Which;

        rejected.ConversationId.Should().Be(unknown);
        rejected.Workspace.Should().Be(WorkspaceId.Default);
        rejected.Should().BeAssignableTo<InboundConversationsException>();
    }

    [Fact]
    public async Task GetMessages_OfUnknownConversation_ThrowsConversationNotFound()
    {
        var unknown = ConversationId.New(_inbox.Clock.GetUtcNow());

        var rejected = (await _inbox.Invoking(i => i.Engine.GetMessagesAsync(unknown).AsTask())
            .Should().ThrowExactlyAsync<ConversationNotFoundException>()).Which;

        rejected.ConversationId.Should().Be(unknown);
    }

    [Fact]
    public async Task GetConversation_WithDefaultId_ThrowsInvalidIdentifier() =>
        await _inbox.Invoking(i => i.Engine.GetConversationAsync(default).AsTask())
            .Should().ThrowExactlyAsync<InvalidIdentifierException>();

    [Fact]
    public async Task GetMessages_WithDefaultId_ThrowsInvalidIdentifier() =>
        await _inbox.Invoking(i => i.Engine.GetMessagesAsync(default).AsTask())
            .Should().ThrowExactlyAsync<InvalidIdentifierException>();

    [Fact]
    public async Task FindOpenConversation_WithDefaultContact_ThrowsInvalidIdentifier() =>
        await _inbox.Invoking(i => i.Engine.FindOpenConversationAsync(default).AsTask())
            .Should().ThrowExactlyAsync<InvalidIdentifierException>();

    [Fact]
    public async Task GetContactConversations_WithDefaultContact_ThrowsInvalidIdentifier() =>
        await _inbox.Invoking(i => i.Engine.GetContactConversationsAsync(default).AsTask())
            .Should().ThrowExactlyAsync<InvalidIdentifierException>();

    [Fact]
    public async Task GetContactConversations_OfContactNeverSeen_IsEmpty() =>
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact("never-seen"))).Should().BeEmpty();

    public void Dispose() => _inbox.Dispose();
}
