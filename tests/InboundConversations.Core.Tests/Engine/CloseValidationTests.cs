using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Every rule on a close: the specific exception, and nothing stored or raised.</summary>
public sealed class CloseValidationTests : IDisposable
{
    private const int MaxCategory = 8;
    private const int MaxNotes = 12;

    private readonly TestInbox _inbox = new(options =>
    {
        options.MaxCategoryLength = MaxCategory;
        options.MaxNotesLength = MaxNotes;
    });

    [Fact]
    public async Task Close_WithDefaultConversationId_ThrowsInvalidIdentifierAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidIdentifierException>(Request(open) with { ConversationId = default });
        rejected.Field.Should().Be(nameof(ConversationId));
    }

    [Fact]
    public async Task Close_UnknownConversation_ThrowsConversationNotFoundAndStoresNothing()
    {
        await OpenAsync();
        var unknown = ConversationId.New(_inbox.Clock.GetUtcNow());

        var rejected = await RejectAsync<ConversationNotFoundException>(Request(unknown));

        rejected.ConversationId.Should().Be(unknown);
    }

    [Fact]
    public async Task Close_ClosedConversation_ThrowsConversationClosedAndStoresNothing()
    {
        var open = await OpenAsync();
        await _inbox.CloseAsync(open);

        var rejected = await RejectAsync<ConversationClosedException>(Request(open));

        rejected.Trigger.Should().Be(ConversationTrigger.Close);
    }

    [Fact]
    public async Task Close_WithContactAsCloser_ThrowsInvalidActorAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidActorException>(Request(open) with { ClosedBy = Actor.Contact(TestInbox.Contact()) });
        rejected.ActorKind.Should().Be(ActorKind.Contact);
    }

    [Fact]
    public async Task Close_WithDefaultActor_ThrowsInvalidActorAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidActorException>(Request(open) with { ClosedBy = default });
        rejected.ActorKind.Should().Be(ActorKind.None);
    }

    [Fact]
    public async Task Close_WithCategoryOverMaxCategoryLength_ThrowsInvalidRequestAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidRequestException>(Request(open) with { Category = new string('c', MaxCategory + 1) });
        rejected.Field.Should().Be(nameof(CloseConversationRequest.Category));
    }

    [Fact]
    public async Task Close_WithNotesOverMaxNotesLength_ThrowsInvalidRequestAndStoresNothing()
    {
        var open = await OpenAsync();
        var rejected = await RejectAsync<InvalidRequestException>(Request(open) with { Notes = new string('n', MaxNotes + 1) });
        rejected.Field.Should().Be(nameof(CloseConversationRequest.Notes));
    }

    [Fact]
    public async Task Close_WithCategoryAndNotesExactlyAtTheirMaximum_ClosesAndKeepsThem()
    {
        var open = await OpenAsync();
        var category = new string('c', MaxCategory);
        var notes = new string('n', MaxNotes);

        var closed = await _inbox.Engine.CloseAsync(Request(open) with { Category = category, Notes = notes });

        closed.Closure!.Category.Should().Be(category);
        closed.Closure.Notes.Should().Be(notes);
    }

    public void Dispose() => _inbox.Dispose();

    private static CloseConversationRequest Request(ConversationId id) => new()
    {
        ConversationId = id,
        ClosedBy = Actor.Agent(new AgentId("agent-1")),
    };

    private async Task<ConversationId> OpenAsync() => (await _inbox.ReceiveAsync()).ConversationId;

    private async Task<TException> RejectAsync<TException>(CloseConversationRequest bad)
        where TException : InboundConversationsException
    {
        var before = await InboxState.CaptureAsync(_inbox);

        var rejected = (await _inbox.Invoking(i => i.Engine.CloseAsync(bad).AsTask()).Should().ThrowExactlyAsync<TException>()).Which;

        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
        rejected.Should().BeAssignableTo<InboundConversationsException>();
        return rejected;
    }
}
