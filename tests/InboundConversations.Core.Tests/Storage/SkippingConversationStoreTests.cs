using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

// The README's way of skipping a contract test or adding to one: between "README: begin" and "README: end" this file
// is the README's block, line for line, except the lines that end in "// not in the README" (ReadmeStorageAdapterTests
// compares them). ContractSuiteShapeTests runs it through xunit's own discoverer and executor. Not public, so that
// the test run itself does not run this class: xunit runs public classes only.
#pragma warning disable xUnit1000 // Test classes must be public: this one is run by ContractSuiteShapeTests alone.
internal sealed class SkippingConversationStoreTests : ConversationStoreContract
#pragma warning restore xUnit1000
{
    private static int s_extendedRuns;

    public static int ExtendedRuns => Volatile.Read(ref s_extendedRuns);

    protected override IConversationStore CreateStore() => new InMemoryConversationStore();

    protected override ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation)
    {
        ((InMemoryConversationStore)store).Import(conversation);
        return ValueTask.FromResult(true);
    }

    // README: begin
    [Fact(Skip = "This adapter keeps one workspace: see its README.")]
    public override Task Workspaces_SameContactIdInTwo_AreIndependent() => base.Workspaces_SameContactIdInTwo_AreIndependent();

    [Theory(Skip = "The test database takes two connections at most: see issue 42.")]
    [InlineData(2)] // xunit's analyzer wants a row on a theory; a skipped one runs none of its rows
    public override Task AppendInbound_SameExternalIdConcurrently_RecordsOneMessage(int callers) =>
        base.AppendInbound_SameExternalIdConcurrently_RecordsOneMessage(callers);

    // Without attributes, the override keeps the test's own: it runs once, and can add to the test.
    public override async Task Update_OfAnUnknownConversation_ThrowsNotFound()
    {
        await base.Update_OfAnUnknownConversation_ThrowsNotFound();
        // …then what your adapter promises besides.
        Interlocked.Increment(ref s_extendedRuns); // not in the README
    }
    // README: end
}
