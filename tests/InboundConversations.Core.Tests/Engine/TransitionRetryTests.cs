using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// A lifecycle change is checked before it waits for the contact's gate, checked again on what is stored once it holds
/// the gate, and written as a versioned update: a concurrent change (another process) is re-read and the trigger fired
/// again on it, up to three attempts, each retry logged (event 6); a write whose reply was lost but which the store
/// kept counts as stored (event 13).
/// </summary>
public sealed class TransitionRetryTests
{
    [Fact]
    public async Task Close_ThatMeetsOneConcurrentChange_IsReadAgainAndStored_AndTheRetryIsLogged()
    {
        var (stores, store, inbox) = await StartAsync();
        using var _ = inbox;
        var received = await inbox.ReceiveAsync("c1");
        var conflicts = 0;
        store.Throws = call => call == nameof(IConversationStore.UpdateAsync) && conflicts++ == 0
            ? new ConcurrencyConflictException(received.ConversationId, 3)
            : null;

        var closed = await inbox.CloseAsync(received.ConversationId, "ana");

        closed.State.Should().Be(ConversationState.Closed);
        (await stores.Conversations.FindAsync(default, received.ConversationId, CancellationToken.None))!.State.Should().Be(ConversationState.Closed);
        var retry = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 6).Which;
        retry.Level.Should().Be(LogLevel.Debug);
        retry.Message.Should().Be($"Close on conversation {received.ConversationId} met a concurrent change (attempt 1); re-reading");
    }

    [Fact]
    public async Task Close_ThatMeetsAConcurrentChangeOnEveryAttempt_GivesUpAfterThreeAttempts_WithTheConflict()
    {
        var (stores, store, inbox) = await StartAsync();
        using var _ = inbox;
        var received = await inbox.ReceiveAsync("c1");
        var attempts = 0;

        // Conflicts for as long as anyone keeps trying, within reason: a change that never gives up would end up stored.
        store.Throws = call => call == nameof(IConversationStore.UpdateAsync) && ++attempts <= 10
            ? new ConcurrencyConflictException(received.ConversationId, 3)
            : null;

        var close = () => inbox.CloseAsync(received.ConversationId, "ana").AsTask();

        await close.Should().ThrowExactlyAsync<ConcurrencyConflictException>();
        attempts.Should().Be(3);
        (await stores.Conversations.FindAsync(default, received.ConversationId, CancellationToken.None))!.State.Should().Be(ConversationState.Assigned);
        inbox.Logs().Where(r => r.Id.Id == 6).Select(r => r.Message).Should().Equal(
            $"Close on conversation {received.ConversationId} met a concurrent change (attempt 1); re-reading",
            $"Close on conversation {received.ConversationId} met a concurrent change (attempt 2); re-reading");
    }

    [Fact]
    public async Task Close_WhoseReplyIsLostButWhichTheStoreKept_IsLoggedAsALostReplyRecovered()
    {
        var ports = new PortCalls();
        using var inbox = ports.StartEngine(new SharedStores(), w => w.DefaultTeam("support"), services: FakeLogging.Add);
        await inbox.AddAgentAsync("ana");
        var received = await inbox.ReceiveAsync("c1");
        ports.Fault = call => call.Name == "IConversationStore.UpdateAsync" ? FaultKind.FailAfterCommit : null;

        var closed = await inbox.CloseAsync(received.ConversationId, "ana");

        closed.State.Should().Be(ConversationState.Closed);
        var recovered = inbox.Logs().Should().ContainSingle(r => r.Id.Id == 13).Which;
        recovered.Level.Should().Be(LogLevel.Warning);
        recovered.Message.Should().Be(
            $"The store failed on conversation {received.ConversationId} but holds the change (Closed): the write was kept and its reply lost");
    }

    [Fact]
    public async Task QueueDrain_WhoseWriteMeetsAnAssignmentByAnotherProcess_KeepsThatAssignment()
    {
        var (stores, store, inbox) = await StartAsync(agents: false);
        using var _ = inbox;
        var waiting = await inbox.ReceiveAsync("c1");
        await RegisterBehindTheEngineAsync(stores, "ana", AgentPresence.Online);
        var bob = await RegisterBehindTheEngineAsync(stores, "bob", AgentPresence.Online);
        var raced = false;
        store.Before = async call =>
        {
            if (call == nameof(IConversationStore.UpdateAsync) && !raced)
            {
                // Another process assigns it to bob between the drain's read and its write.
                raced = true;
                var current = (await stores.Conversations.FindAsync(default, waiting.ConversationId, CancellationToken.None))!;
                await stores.Agents.ReserveAsync(default, WorkflowInbox.Support, AgentSelection.Specific(bob.Id), ConversationVersion.Of(current), TestInbox.Start, CancellationToken.None);
                await stores.Conversations.UpdateAsync(
                    current with { State = ConversationState.Assigned, Assignee = bob.Id, QueuedAt = null }, CancellationToken.None);
            }
        };

        var pass = await inbox.Engine.ProcessDueAsync();

        raced.Should().BeTrue();
        pass.QueuedConversationsAssigned.Should().Be(0);
        var conversation = await inbox.ConversationOfAsync(waiting);
        conversation.State.Should().Be(ConversationState.Assigned);
        conversation.Assignee.Should().Be(bob.Id, "the drain's decision was for a queued conversation: read again, it is no longer queued");
        (await inbox.LoadOfAsync("ana")).Should().Be(0, "the drain gave its reservation back");
    }

    [Fact]
    public async Task Close_OfAClosedConversation_FailsWithoutWaitingForTheContactsChangeInFlight()
    {
        var (_, store, inbox) = await StartAsync();
        using var __ = inbox;
        var earlier = await inbox.ReceiveAsync("c1");
        await inbox.CloseAsync(earlier.ConversationId, "ana");
        var open = await inbox.ReceiveAsync("c1");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Before = call => call == nameof(IConversationStore.AppendOutboundAsync) ? new ValueTask(held.Task) : ValueTask.CompletedTask;
        var send = inbox.SendAsync(open.ConversationId, agent: "ana").AsTask();

        var close = inbox.CloseAsync(earlier.ConversationId, "ana").AsTask();

        close.IsCompleted.Should().BeTrue("a change the lifecycle refuses is refused before it waits for the contact's gate");
        await close.Invoking(c => c).Should().ThrowExactlyAsync<ConversationClosedException>();
        send.IsCompleted.Should().BeFalse();
        held.SetResult();
        await send;
    }

    [Fact]
    public async Task ManualAssign_OfAConversationClosedByAnotherProcessMeanwhile_ReportsItClosed_EvenWithTheAgentGoneOffline()
    {
        var (stores, store, inbox) = await StartAsync(agents: false);
        using var _ = inbox;
        var waiting = await inbox.ReceiveAsync("c1");
        await inbox.AddAgentAsync("ana", presence: AgentPresence.Away);
        var raced = false;
        store.Before = async call =>
        {
            var ana = await stores.Agents.FindAsync(default, new AgentId("ana"), CancellationToken.None);
            if (call == nameof(IConversationStore.FindAsync) && !raced && ana!.OpenConversations == 1)
            {
                // Once ana is reserved for it: another process closes the conversation, and ana goes offline.
                raced = true;
                var current = (await stores.Conversations.FindAsync(default, waiting.ConversationId, CancellationToken.None))!;
                await stores.Conversations.UpdateAsync(
                    current with { State = ConversationState.Closed, QueuedAt = null, Closure = new ConversationClosure(Actor.Api(), TestInbox.Start, null, null) },
                    CancellationToken.None);
                await stores.Agents.SetPresenceAsync(default, new AgentId("ana"), AgentPresence.Offline, CancellationToken.None);
            }
        };

        var assign = () => inbox.Engine.AssignAsync(new AssignConversationRequest
        {
            ConversationId = waiting.ConversationId,
            Agent = new AgentId("ana"),
            AssignedBy = Actor.Agent(new AgentId("supervisor")),
        }).AsTask();

        (await assign.Should().ThrowExactlyAsync<ConversationClosedException>()).Which.Trigger.Should().Be(ConversationTrigger.Assign);
        raced.Should().BeTrue();
        (await inbox.LoadOfAsync("ana")).Should().Be(0, "the reservation for a closed conversation is given back");
    }

    private static async Task<(SharedStores Stores, InstrumentedConversationStore Store, TestInbox Inbox)> StartAsync(bool agents = true)
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        var inbox = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner), services: FakeLogging.Add);
        if (agents)
        {
            await inbox.AddAgentAsync("ana");
        }

        return (stores, store!, inbox);
    }

    private static async Task<Agent> RegisterBehindTheEngineAsync(SharedStores stores, string agent, AgentPresence presence) =>
        await stores.Agents.RegisterAsync(
            new AgentRegistration { Agent = new AgentId(agent), Teams = [WorkflowInbox.Support], Capacity = 2, InitialPresence = presence },
            CancellationToken.None);
}
