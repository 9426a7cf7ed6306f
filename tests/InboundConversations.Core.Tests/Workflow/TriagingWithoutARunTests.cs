using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// A conversation opened triaging without a workflow run (a store that dropped the pending run, say) is left as it is:
/// the call that opened it returns, nothing is claimed, nothing is logged as a failure, and no pass invents a run.
/// </summary>
public sealed class TriagingWithoutARunTests
{
    [Fact]
    public async Task Receive_OpeningAConversationWhoseRunWasNotStored_LeavesItTriaging_WithoutAFailure()
    {
        var stores = new SharedStores();
        using var inbox = stores.StartLoggedEngine(w => w.DefaultTeam("support"), inner => new RunDroppingStore(inner));
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();
        var pass = await inbox.Engine.ProcessDueAsync();

        received.OpenedConversation.Should().BeTrue();
        var conversation = await inbox.ConversationOfAsync(received);
        conversation.State.Should().Be(ConversationState.Triaging);
        conversation.Assignee.Should().BeNull();
        (await inbox.Engine.FindWorkflowRunAsync(received.ConversationId)).Should().BeNull();
        pass.RunsResumed.Should().Be(0);
        (await inbox.LoadOfAsync("ana")).Should().Be(0);
        inbox.Logs().Should().NotContain(r => r.Level >= LogLevel.Warning, "there is no run to claim");
    }

    /// <summary>Stores an opening without its pending run.</summary>
    private sealed class RunDroppingStore(IConversationStore inner) : InstrumentedConversationStore(inner), IConversationStore
    {
        private readonly IConversationStore _inner = inner;

        ValueTask<InboundAppendResult> IConversationStore.AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken) =>
            _inner.AppendInboundAsync(append with { StartsWorkflow = false }, cancellationToken);
    }
}
