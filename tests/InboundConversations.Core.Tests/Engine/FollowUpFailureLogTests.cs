using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// A follow-up that fails is logged for the operator by the step that failed: event 14 for a conversation's
/// follow-ups ("end queued run", "drain"), event 15 for an agent's ("drain"), with the exception's type; the call
/// still returns the stored change.
/// </summary>
public sealed class FollowUpFailureLogTests
{
    private const int FollowUpFailed = 14;
    private const int AgentFollowUpFailed = 15;

    [Fact]
    public async Task Close_OfAQueuedConversationWhoseRunCannotBeEnded_LogsTheEndQueuedRunStep()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner), services: FakeLogging.Add);
        var waiting = await inbox.ReceiveAsync("c1");
        store!.Fails = call => call == nameof(IConversationStore.UpdateWorkflowRunAsync);

        var closed = await inbox.CloseAsync(waiting.ConversationId);

        closed.State.Should().Be(ConversationState.Closed);
        FollowUpFailures(inbox).Should().Equal(
            $"Follow-up end queued run of the stored change to conversation {waiting.ConversationId} failed ({nameof(IOException)}); the call returns the stored change and the background pass catches up");
    }

    [Fact]
    public async Task Close_WhoseFreedSeatCannotReadTheQueue_LogsTheDrainStep()
    {
        var ports = new PortCalls();
        using var inbox = ports.StartEngine(new SharedStores(), w => w.DefaultTeam("support"), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana", capacity: 1);
        var first = await inbox.ReceiveAsync("c1");
        await inbox.ReceiveAsync("c2");
        ports.Fault = call => call.Name == "IConversationStore.ListQueuedAsync" ? FaultKind.Transient : null;

        await inbox.CloseAsync(first.ConversationId, "ana");

        FollowUpFailures(inbox).Should().Equal(
            $"Follow-up drain of the stored change to conversation {first.ConversationId} failed ({nameof(InjectedFaultException)}); the call returns the stored change and the background pass catches up");
    }

    [Fact]
    public async Task TransferToATeam_WhoseNewQueueCannotBeRead_LogsTheDrainStep()
    {
        var ports = new PortCalls();
        using var inbox = ports.StartEngine(new SharedStores(), w => w.DefaultTeam("support"), services: FakeLogging.Add);
        var waiting = await inbox.ReceiveAsync("c1");
        ports.Fault = call => call.Name == "IConversationStore.ListQueuedAsync" ? FaultKind.Transient : null;

        var transferred = await inbox.Engine.TransferAsync(new TransferConversationRequest
        {
            ConversationId = waiting.ConversationId,
            ToTeam = new TeamId("billing"),
            TransferredBy = Actor.Agent(new AgentId("supervisor")),
        });

        transferred.State.Should().Be(ConversationState.Queued);
        transferred.Team.Should().Be(new TeamId("billing"));
        FollowUpFailures(inbox).Should().Equal(
            $"Follow-up drain of the stored change to conversation {waiting.ConversationId} failed ({nameof(InjectedFaultException)}); the call returns the stored change and the background pass catches up");
    }

    [Fact]
    public async Task SetPresence_WhoseDrainFails_LogsTheAgentsDrainStep()
    {
        var ports = new PortCalls();
        using var inbox = ports.StartEngine(new SharedStores(), w => w.DefaultTeam("support"), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Offline);
        await inbox.ReceiveAsync("c1");
        ports.Fault = call => call.Name == "IConversationStore.ListQueuedAsync" ? FaultKind.Transient : null;

        var online = await inbox.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Online);

        online.Presence.Should().Be(AgentPresence.Online);
        var failure = inbox.Logs().Should().ContainSingle(r => r.Id.Id == AgentFollowUpFailed).Which;
        failure.Level.Should().Be(LogLevel.Warning);
        failure.Message.Should().Be(
            $"Follow-up drain of the stored change to agent ana failed ({nameof(InjectedFaultException)}); the call returns the stored agent and the background pass catches up");
    }

    private static string[] FollowUpFailures(TestInbox inbox)
    {
        var failures = inbox.Logs().Where(r => r.Id.Id == FollowUpFailed).ToArray();
        failures.Should().AllSatisfy(r => r.Level.Should().Be(LogLevel.Warning));
        return failures.Select(static r => r.Message).ToArray();
    }
}
