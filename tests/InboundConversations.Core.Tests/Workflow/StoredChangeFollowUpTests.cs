using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// Once a change is stored, what follows from it (giving an agent back, draining the queue) happens even if the
/// caller cancels: a half-applied close would strand the queue.
/// </summary>
public sealed class StoredChangeFollowUpTests
{
    [Fact]
    public async Task Close_WhoseCallerCancelsOnceTheCloseIsStored_StillFreesTheAgentAndDrainsTheQueue()
    {
        using var cancellation = new CancellationTokenSource();
        using var inbox = WorkflowInbox.Create(
            w => w.DefaultTeam("support"),
            b => b.OnEvent<ConversationClosed>(async (_, _) => await cancellation.CancelAsync()));
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("contact-1");
        var second = await inbox.ReceiveAsync("contact-2");
        (await inbox.ConversationOfAsync(second)).State.Should().Be(ConversationState.Queued);

        await inbox.Engine.CloseAsync(
            new CloseConversationRequest { ConversationId = first.ConversationId, ClosedBy = Actor.Agent(new AgentId("ana")) },
            cancellation.Token);

        cancellation.IsCancellationRequested.Should().BeTrue();
        (await inbox.ConversationOfAsync(second)).Assignee.Should().Be(new AgentId("ana"));
        (await inbox.LoadOfAsync("ana")).Should().Be(1);
        (await inbox.RunOfAsync(second.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task SetPresence_Online_ReturnsTheAgentHoldingWhatTheQueueGaveThem()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        await inbox.ReceiveAsync("contact-1");
        await inbox.ReceiveAsync("contact-2");

        var online = await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);

        online.Presence.Should().Be(AgentPresence.Online);
        online.OpenConversations.Should().Be(2, "the answer is read after the queue drained into her");
    }
}
