using InboundConversations.Storage;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// The engine reports an inbound append as its own <see cref="ReceiveOutcome"/>: a store that answers with an outcome
/// the port does not define is a broken adapter, reported as such, never passed on as a made-up outcome.
/// </summary>
public sealed class UndefinedAppendOutcomeTests
{
    [Fact]
    public async Task Receive_WhenTheStoreAnswersAnUndefinedOutcome_ThrowsInvalidOperationNamingIt()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => new UndefinedOutcomeStore(inner));

        var act = async () => await inbox.ReceiveAsync();

        (await act.Should().ThrowExactlyAsync<InvalidOperationException>())
            .WithMessage("*inbound append with InboundAppendOutcome 42, which the port does not define*");
    }

    [Theory]
    [InlineData(InboundAppendOutcome.Opened, ReceiveOutcome.Opened)]
    [InlineData(InboundAppendOutcome.Appended, ReceiveOutcome.Appended)]
    [InlineData(InboundAppendOutcome.Duplicate, ReceiveOutcome.Duplicate)]
    public async Task Receive_ReportsEachOutcomeOfThePortAsItsOwn(InboundAppendOutcome stored, ReceiveOutcome reported)
    {
        using var inbox = new TestInbox();
        var first = await inbox.ReceiveAsync(externalId: "wamid.1");
        var result = stored switch
        {
            InboundAppendOutcome.Opened => first,
            InboundAppendOutcome.Appended => await inbox.ReceiveAsync(externalId: "wamid.2"),
            _ => await inbox.ReceiveAsync(externalId: "wamid.1"),
        };

        result.Outcome.Should().Be(reported);
    }

    /// <summary>Stores the message, then answers with an outcome the port does not define.</summary>
    private sealed class UndefinedOutcomeStore(IConversationStore inner) : InstrumentedConversationStore(inner), IConversationStore
    {
        private readonly IConversationStore _inner = inner;

        async ValueTask<InboundAppendResult> IConversationStore.AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken) =>
            await _inner.AppendInboundAsync(append, cancellationToken) with { Outcome = (InboundAppendOutcome)42 };
    }
}
