using InboundConversations.Internal.Engine;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// After the container is disposed, every public call throws <see cref="ObjectDisposedException"/> and touches
/// nothing; disposal is idempotent; a call already under way completes.
/// </summary>
public sealed class DisposalTests
{
    private static readonly Actor Supervisor = Actor.Agent(new AgentId("supervisor"));
    private static readonly ConversationId Unknown = ConversationId.New(TestInbox.Start);

    /// <summary>Every member of both services, each with arguments it would accept (or reject otherwise) on a live inbox.</summary>
    public static TheoryData<string, string, Func<TestInbox, ConversationId, Task>> EveryCall() => new()
    {
        { nameof(IConversationEngine), "Receive", (i, _) => i.Engine.ReceiveAsync(i.Message("contact-2")).AsTask() },
        { nameof(IConversationEngine), "Open", (i, _) => i.OpenAsync(Supervisor, "contact-2").AsTask() },
        { nameof(IConversationEngine), "Send", (i, id) => i.SendAsync(id).AsTask() },
        { nameof(IConversationEngine), "Close", (i, id) => i.CloseAsync(id).AsTask() },
        { nameof(IConversationEngine), "Assign", (i, id) => i.Engine.AssignAsync(new() { ConversationId = id, Agent = new AgentId("ana"), AssignedBy = Supervisor }).AsTask() },
        { nameof(IConversationEngine), "Unassign", (i, id) => i.Engine.UnassignAsync(new() { ConversationId = id, UnassignedBy = Supervisor }).AsTask() },
        { nameof(IConversationEngine), "Transfer", (i, id) => i.Engine.TransferAsync(new() { ConversationId = id, ToTeam = new TeamId("billing"), TransferredBy = Supervisor }).AsTask() },
        { nameof(IConversationEngine), "Snooze", (i, id) => i.Engine.SnoozeAsync(new() { ConversationId = id, Until = TestInbox.Start.AddHours(1), SnoozedBy = Supervisor }).AsTask() },
        { nameof(IConversationEngine), "ProcessDue", (i, _) => i.Engine.ProcessDueAsync().AsTask() },
        { nameof(IConversationEngine), "FindWorkflowRun", (i, id) => i.Engine.FindWorkflowRunAsync(id).AsTask() },
        { nameof(IConversationEngine), "GetConversation", (i, id) => i.Engine.GetConversationAsync(id).AsTask() },
        { nameof(IConversationEngine), "FindOpenConversation", (i, _) => i.Engine.FindOpenConversationAsync(TestInbox.Contact()).AsTask() },
        { nameof(IConversationEngine), "GetContactConversations", (i, _) => i.Engine.GetContactConversationsAsync(TestInbox.Contact()).AsTask() },
        { nameof(IConversationEngine), "GetMessages", (i, id) => i.Engine.GetMessagesAsync(id).AsTask() },
        { nameof(IConversationEngine), "GetMessages of an unknown id (the check comes first)", (i, _) => i.Engine.GetMessagesAsync(Unknown).AsTask() },
        { nameof(IConversationEngine), "Receive of a null message (the check comes first)", (i, _) => i.Engine.ReceiveAsync(null!).AsTask() },
        { nameof(IAgentRoster), "RegisterAgent", (i, _) => i.AddAgentAsync("bob") },
        { nameof(IAgentRoster), "SetPresence", (i, _) => i.Roster.SetPresenceAsync(new AgentId("ana"), AgentPresence.Offline).AsTask() },
        { nameof(IAgentRoster), "SetCapacity", (i, _) => i.Roster.SetCapacityAsync(new AgentId("ana"), 3).AsTask() },
        { nameof(IAgentRoster), "GetAgent", (i, _) => i.Roster.GetAgentAsync(new AgentId("ana")).AsTask() },
        { nameof(IAgentRoster), "GetTeam", (i, _) => i.Roster.GetTeamMembersAsync(WorkflowInbox.Support).AsTask() },
        { nameof(IAgentRoster), "GetTeamQueue", (i, _) => i.Roster.GetTeamQueueAsync(WorkflowInbox.Support).AsTask() },
        { nameof(IAgentRoster), "GetTeamQueue with maxCount 0 (the check comes first)", (i, _) => i.Roster.GetTeamQueueAsync(WorkflowInbox.Support, maxCount: 0).AsTask() },
    };

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task EveryCall_AfterTheContainerIsDisposed_ThrowsObjectDisposedAndChangesNothing(
        string service, string call, Func<TestInbox, ConversationId, Task> act)
    {
        var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("ana");
        var open = (await inbox.ReceiveAsync()).ConversationId;
        var before = await Snapshot(inbox);

        inbox.Dispose();

        var thrown = await FluentActions.Awaiting(() => act(inbox, open)).Should().ThrowExactlyAsync<ObjectDisposedException>(call);
        thrown.Which.ObjectName.Should().Be(service);
        before.ShouldBeUnchangedIn(await Snapshot(inbox), $"a call on a disposed {service} touches nothing");
    }

    [Fact]
    public async Task DisposeAsync_OfTheContainer_StopsTheEngineAndTheRoster()
    {
        var inbox = new TestInbox();

        await ((IAsyncDisposable)inbox.Services).DisposeAsync();

        await FluentActions.Awaiting(() => inbox.ReceiveAsync().AsTask()).Should().ThrowExactlyAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(() => inbox.Roster.GetTeamMembersAsync(WorkflowInbox.Support).AsTask()).Should().ThrowExactlyAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Dispose_IsIdempotent_AndTheEngineStaysDisposed()
    {
        var inbox = new TestInbox();
        var shared = inbox.Services.GetRequiredService<Inbox>();
        await inbox.ReceiveAsync();

        shared.Dispose();
        await shared.DisposeAsync();
        shared.Dispose();
        inbox.Dispose();
        inbox.Dispose();

        await FluentActions.Awaiting(() => inbox.ReceiveAsync().AsTask()).Should().ThrowExactlyAsync<ObjectDisposedException>();
        (await inbox.Store.ListByContactAsync(default, TestInbox.Contact(), default)).Should().ContainSingle();
    }

    [Fact]
    public async Task ACallUnderWay_WhenTheContainerIsDisposed_Completes()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").Enrich(new StubEnricher("slow", async (c, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            c.AddFact("slow", "done");
        })));
        await inbox.AddAgentAsync("ana");

        var underWay = inbox.ReceiveAsync().AsTask();
        await entered.Task;
        inbox.Dispose();
        release.SetResult();
        var received = await underWay;

        received.OpenedConversation.Should().BeTrue();
        var conversation = await inbox.Store.FindAsync(default, received.ConversationId, default);
        conversation!.State.Should().Be(ConversationState.Assigned, "the run that passed the check went to its end");
        conversation.Assignee.Should().Be(new AgentId("ana"));
        (await inbox.Store.FindWorkflowRunAsync(default, received.ConversationId, default))!.Status.Should().Be(WorkflowRunStatus.Completed);
        (await inbox.Directory.FindAsync(default, new AgentId("ana"), default))!.OpenConversations.Should().Be(1);
        await FluentActions.Awaiting(() => inbox.ReceiveAsync().AsTask()).Should().ThrowExactlyAsync<ObjectDisposedException>();
    }

    private static Task<PortSnapshot> Snapshot(TestInbox inbox) => PortSnapshot.CaptureAsync(
        inbox, [TestInbox.Contact(), TestInbox.Contact("contact-2")], [WorkflowInbox.Support, new TeamId("billing")]);
}
