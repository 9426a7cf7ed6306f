using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>
    /// How many runs the unfinished-run tests ask for when they look for their own among data of other tests: a store
    /// shared with other tests must hold fewer unfinished runs than this.
    /// </summary>
    protected const int UnfinishedRunsScanned = 10_000;

    /// <summary>An inbound opening that starts the workflow stores the pending run, version 1, for the new conversation.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_OpeningThatStartsTheWorkflow_StoresAPendingRun()
    {
        var store = CreateStore();
        var append = Samples.InboundStartingWorkflow(Samples.NewContact());

        var result = await store.AppendInboundAsync(append, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Opened, result.Outcome);
        var run = await store.FindWorkflowRunAsync(default, append.NewConversationId, CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(append.NewConversationId, run.ConversationId);
        Assert.Equal(WorkspaceId.Default, run.Workspace);
        Assert.Equal(WorkflowRunStatus.Pending, run.Status);
        Assert.Equal(append.ReceivedAt, run.CreatedAt);
        Assert.Equal(1, run.Version);
        Assert.Equal(0, run.Attempts);
        Assert.Empty(run.Steps);
    }

    /// <summary>An inbound opening that starts no workflow stores no run.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_OpeningWithoutWorkflow_StoresNoRun()
    {
        var store = CreateStore();
        var append = Samples.Inbound(Samples.NewContact());

        await store.AppendInboundAsync(append, CancellationToken.None);

        Assert.Null(await store.FindWorkflowRunAsync(default, append.NewConversationId, CancellationToken.None));
    }

    /// <summary>A message that joins an open conversation stores no run, and leaves the open conversation's run as it was.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_ToAnOpenConversation_StoresNoRun()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = await store.AppendInboundAsync(Samples.InboundStartingWorkflow(contact), CancellationToken.None);
        var next = Samples.InboundStartingWorkflow(contact);

        var joined = await store.AppendInboundAsync(next, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Appended, joined.Outcome);
        Assert.Null(await store.FindWorkflowRunAsync(default, next.NewConversationId, CancellationToken.None));
        var run = await store.FindWorkflowRunAsync(default, first.Message.ConversationId, CancellationToken.None);
        Assert.Equal(1, run?.Version);
        Assert.Equal(WorkflowRunStatus.Pending, run?.Status);
    }

    /// <summary>A redelivery stores no run, also when it arrives after the conversation closed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_Duplicate_StoresNoRun()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var original = await store.AppendInboundAsync(Samples.InboundStartingWorkflow(contact, "wamid-run"), CancellationToken.None);
        var whileOpen = Samples.InboundStartingWorkflow(contact, "wamid-run");
        await store.AppendInboundAsync(whileOpen, CancellationToken.None);
        await store.UpdateAsync(Samples.Closed(original.OpenedConversation!), CancellationToken.None);
        var afterClose = Samples.InboundStartingWorkflow(contact, "wamid-run");

        var late = await store.AppendInboundAsync(afterClose, CancellationToken.None);

        Assert.Equal(InboundAppendOutcome.Duplicate, late.Outcome);
        Assert.Null(await store.FindWorkflowRunAsync(default, whileOpen.NewConversationId, CancellationToken.None));
        Assert.Null(await store.FindWorkflowRunAsync(default, afterClose.NewConversationId, CancellationToken.None));
        Assert.Single(await store.ListByContactAsync(default, contact, CancellationToken.None));
    }

    /// <summary>Racing openings for one contact, each starting the workflow: one run, for the one conversation opened.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task AppendInbound_RacingOpeningsThatStartTheWorkflow_StoreExactlyOneRun()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var appends = Enumerable.Range(0, 32).Select(_ => Samples.InboundStartingWorkflow(contact)).ToArray();

        var results = await RaceAsync(appends.Length, i => store.AppendInboundAsync(appends[i], CancellationToken.None));

        var opened = Assert.Single(results, r => r.Outcome == InboundAppendOutcome.Opened).Message.ConversationId;
        var runs = await Task.WhenAll(appends.Select(a => store.FindWorkflowRunAsync(default, a.NewConversationId, CancellationToken.None).AsTask()));
        var run = Assert.Single(runs, r => r is not null);
        Assert.Equal(opened, run!.ConversationId);
    }

    /// <summary>An explicit open with a pending run stores the run with the conversation.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_WithAPendingRun_StoresIt()
    {
        var store = CreateStore();
        var conversation = Samples.AgentOpened(Samples.NewContact());
        var pending = WorkflowRun.Pending(default, conversation.Id, conversation.OpenedAt);

        var result = await store.OpenAsync(conversation, pending, CancellationToken.None);

        Assert.True(result.Opened);
        var run = await store.FindWorkflowRunAsync(default, conversation.Id, CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(WorkflowRunStatus.Pending, run.Status);
        Assert.Equal(conversation.OpenedAt, run.CreatedAt);
        Assert.Equal(1, run.Version);
    }

    /// <summary>An explicit open without a run stores none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_WithoutAPendingRun_StoresNone()
    {
        var store = CreateStore();
        var conversation = Samples.AgentOpened(Samples.NewContact());

        await store.OpenAsync(conversation, null, CancellationToken.None);

        Assert.Null(await store.FindWorkflowRunAsync(default, conversation.Id, CancellationToken.None));
    }

    /// <summary>An open refused because the contact has an open conversation stores no run, and leaves the open one's run alone.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_RefusedBecauseOneIsOpen_StoresNoRun()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var first = await store.AppendInboundAsync(Samples.InboundStartingWorkflow(contact), CancellationToken.None);
        var second = Samples.AgentOpened(contact);

        var result = await store.OpenAsync(second, WorkflowRun.Pending(default, second.Id, second.OpenedAt), CancellationToken.None);

        Assert.False(result.Opened);
        Assert.Null(await store.FindWorkflowRunAsync(default, second.Id, CancellationToken.None));
        Assert.Equal(1, (await store.FindWorkflowRunAsync(default, first.Message.ConversationId, CancellationToken.None))?.Version);
    }

    /// <summary>A run update over the current version is stored at the next version, as given.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task UpdateWorkflowRun_OverTheCurrentVersion_StoresTheNextVersion()
    {
        var store = CreateStore();
        var pending = await OpenWithRunAsync(store);
        var team = Samples.NewTeam();

        var running = await store.UpdateWorkflowRunAsync(pending with { Status = WorkflowRunStatus.Running, Attempts = 1, Team = team }, CancellationToken.None);

        Assert.Equal(2, running.Version);
        var read = await store.FindWorkflowRunAsync(default, pending.ConversationId, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(2, read.Version);
        Assert.Equal(WorkflowRunStatus.Running, read.Status);
        Assert.Equal(1, read.Attempts);
        Assert.Equal(team, read.Team);
        Assert.Equal(pending.CreatedAt, read.CreatedAt);
    }

    /// <summary>A stale run update is rejected with the concurrency exception and changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task UpdateWorkflowRun_OverAStaleVersion_ThrowsConcurrencyConflictAndChangesNothing()
    {
        var store = CreateStore();
        var pending = await OpenWithRunAsync(store);
        await store.UpdateWorkflowRunAsync(pending with { Status = WorkflowRunStatus.Running, Attempts = 1 }, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.UpdateWorkflowRunAsync(pending with { Status = WorkflowRunStatus.Completed }, CancellationToken.None).AsTask());

        Assert.Equal(pending.ConversationId, stale.ConversationId);
        var read = await store.FindWorkflowRunAsync(default, pending.ConversationId, CancellationToken.None);
        Assert.Equal(2, read?.Version);
        Assert.Equal(WorkflowRunStatus.Running, read?.Status);
    }

    /// <summary>Engines racing to claim one pending run (pending → running over version 1): exactly one wins.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task UpdateWorkflowRun_RacingClaims_ExactlyOneWins()
    {
        var store = CreateStore();
        var pending = await OpenWithRunAsync(store);

        var outcomes = await RaceUpdatesAsync(16, async i =>
            await store.UpdateWorkflowRunAsync(pending with { Status = WorkflowRunStatus.Running, Attempts = 1, Facts = new Dictionary<string, string> { ["claimedBy"] = $"{i}" } }, CancellationToken.None));

        var winner = Assert.Single(Enumerable.Range(0, outcomes.Length), i => outcomes[i]);
        var read = await store.FindWorkflowRunAsync(default, pending.ConversationId, CancellationToken.None);
        Assert.Equal(2, read?.Version);
        Assert.Equal($"{winner}", read?.Facts["claimedBy"]);
    }

    /// <summary>Updating a run that does not exist (or through another workspace) says the conversation is not found.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task UpdateWorkflowRun_OfAnUnknownRun_ThrowsNotFound()
    {
        var store = CreateStore();
        var pending = await OpenWithRunAsync(store);
        var noRun = await OpenAsync(store);

        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => store.UpdateWorkflowRunAsync(WorkflowRun.Pending(default, noRun.Id, noRun.OpenedAt), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ConversationNotFoundException>(
            () => store.UpdateWorkflowRunAsync(pending with { Workspace = new WorkspaceId("globex"), Status = WorkflowRunStatus.Running }, CancellationToken.None).AsTask());

        Assert.Null(await store.FindWorkflowRunAsync(default, noRun.Id, CancellationToken.None));
        Assert.Null(await store.FindWorkflowRunAsync(new WorkspaceId("globex"), pending.ConversationId, CancellationToken.None));
        Assert.Equal(WorkflowRunStatus.Pending, (await store.FindWorkflowRunAsync(default, pending.ConversationId, CancellationToken.None))?.Status);
    }

    /// <summary>
    /// Unfinished runs are the pending, running and queued ones, of every workspace, oldest (by creation) first;
    /// completed and not-applicable runs are left out.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListUnfinishedWorkflowRuns_ReturnsPendingRunningAndQueuedOldestFirst()
    {
        var store = CreateStore();
        var t0 = Samples.NextTime();
        var youngest = await OpenWithRunAsync(store, createdAt: t0.AddMinutes(30));
        var oldest = await OpenWithRunAsync(store, createdAt: t0.AddMinutes(10), workspace: new WorkspaceId("acme"));
        var middle = await OpenWithRunAsync(store, createdAt: t0.AddMinutes(20));
        var running = await store.UpdateWorkflowRunAsync(middle with { Status = WorkflowRunStatus.Running, Attempts = 1 }, CancellationToken.None);
        var queued = await OpenWithRunAsync(store, createdAt: t0.AddMinutes(1));
        await store.UpdateWorkflowRunAsync(queued with { Status = WorkflowRunStatus.Queued }, CancellationToken.None);
        var completed = await OpenWithRunAsync(store, createdAt: t0.AddMinutes(2));
        await store.UpdateWorkflowRunAsync(completed with { Status = WorkflowRunStatus.Completed, EndedAt = t0.AddMinutes(3) }, CancellationToken.None);
        var notApplicable = await OpenWithRunAsync(store, createdAt: t0.AddMinutes(4));
        await store.UpdateWorkflowRunAsync(notApplicable with { Status = WorkflowRunStatus.NotApplicable, EndedAt = t0.AddMinutes(4) }, CancellationToken.None);
        var ours = new HashSet<ConversationId> { youngest.ConversationId, oldest.ConversationId, middle.ConversationId, queued.ConversationId, completed.ConversationId, notApplicable.ConversationId };

        var unfinished = await store.ListUnfinishedWorkflowRunsAsync(UnfinishedRunsScanned, CancellationToken.None);

        Assert.All(unfinished, r => Assert.True(r.IsUnfinished, $"run of {r.ConversationId} is {r.Status}"));
        var mine = unfinished.Where(r => ours.Contains(r.ConversationId)).ToArray();
        Assert.Equal([queued.ConversationId, oldest.ConversationId, middle.ConversationId, youngest.ConversationId], mine.Select(r => r.ConversationId));
        Assert.Equal(WorkflowRunStatus.Queued, mine[0].Status);
        Assert.Equal(new WorkspaceId("acme"), mine[1].Workspace);
        Assert.Equal(running.Version, mine[2].Version);
        Assert.Equal(WorkflowRunStatus.Running, mine[2].Status);
    }

    /// <summary>Unfinished runs: at most the count asked for, and those the oldest (stored newest first here, to tell sorting from storage order).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListUnfinishedWorkflowRuns_RespectsMaxCountAndReturnsTheOldest()
    {
        var store = CreateStore();
        var t0 = Samples.NextTime();
        var ours = new List<WorkflowRun>();
        for (var i = 5; i > 0; i--)
        {
            ours.Add(await OpenWithRunAsync(store, createdAt: t0.AddMinutes(i)));
        }

        var two = await store.ListUnfinishedWorkflowRunsAsync(2, CancellationToken.None);
        var one = await store.ListUnfinishedWorkflowRunsAsync(1, CancellationToken.None);

        Assert.Equal(2, two.Count);
        Assert.True(two[0].CreatedAt <= two[1].CreatedAt, "oldest first");
        Assert.All(ours.Where(r => two.All(t => t.ConversationId != r.ConversationId)), r => Assert.True(r.CreatedAt >= two[1].CreatedAt, "a newer run was returned before an older one"));
        Assert.Single(one);
        Assert.True(one[0].CreatedAt <= ours.Min(r => r.CreatedAt), "the single run returned is the oldest");
        Assert.Empty(await store.ListUnfinishedWorkflowRunsAsync(0, CancellationToken.None));
    }

    /// <summary>A team's queue lists its Queued conversations in the order they were queued, not the order they were opened.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueued_ReturnsTheTeamsQueuedConversationsInTheOrderTheyWereQueued()
    {
        var store = CreateStore();
        var team = Samples.NewTeam();
        var first = await OpenAsync(store);
        var second = await OpenAsync(store);
        var third = await OpenAsync(store);

        var q3 = await store.UpdateAsync(Samples.Queued(third, team), CancellationToken.None);
        var q1 = await store.UpdateAsync(Samples.Queued(first, team), CancellationToken.None);
        var q2 = await store.UpdateAsync(Samples.Queued(second, team), CancellationToken.None);

        var queue = await store.ListQueuedAsync(default, team, 100, CancellationToken.None);

        Assert.Equal([third.Id, first.Id, second.Id], queue.Select(c => c.Id));
        Assert.Equal([q3, q1, q2], queue);
    }

    /// <summary>A queued conversation rewritten while it stays in the same team's queue keeps its place.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueued_ARewriteThatStaysQueued_KeepsItsPlace()
    {
        var store = CreateStore();
        var team = Samples.NewTeam();
        var first = await QueuedAsync(store, team);
        var second = await QueuedAsync(store, team);

        var rewritten = await store.UpdateAsync(first, CancellationToken.None);

        var queue = await store.ListQueuedAsync(default, team, 100, CancellationToken.None);
        Assert.Equal([first.Id, second.Id], queue.Select(c => c.Id));
        Assert.Equal(rewritten.Version, queue[0].Version);
    }

    /// <summary>Conversations that left Queued (assigned, or closed) are no longer in the queue.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueued_LeavesOutThoseThatLeftTheQueue()
    {
        var store = CreateStore();
        var team = Samples.NewTeam();
        var assigned = await QueuedAsync(store, team);
        var waiting = await QueuedAsync(store, team);
        var closed = await QueuedAsync(store, team);

        await store.UpdateAsync(StoreSamples.Assigned(assigned, Samples.NewAgent()), CancellationToken.None);
        await store.UpdateAsync(Samples.Closed(closed), CancellationToken.None);

        var queue = await store.ListQueuedAsync(default, team, 100, CancellationToken.None);
        Assert.Equal([waiting.Id], queue.Select(c => c.Id));
    }

    /// <summary>A team's queue holds nothing of other teams or other workspaces, even for the same team id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueued_LeavesOutOtherTeamsAndWorkspaces()
    {
        var store = CreateStore();
        var team = Samples.NewTeam();
        var otherTeam = Samples.NewTeam();
        var acme = new WorkspaceId("acme");
        var mine = await QueuedAsync(store, team);
        var theirs = await QueuedAsync(store, otherTeam);
        var foreign = await QueuedAsync(store, team, acme);

        Assert.Equal([mine.Id], (await store.ListQueuedAsync(default, team, 100, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal([theirs.Id], (await store.ListQueuedAsync(default, otherTeam, 100, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal([foreign.Id], (await store.ListQueuedAsync(acme, team, 100, CancellationToken.None)).Select(c => c.Id));
        Assert.Empty(await store.ListQueuedAsync(acme, otherTeam, 100, CancellationToken.None));
        Assert.Empty(await store.ListQueuedAsync(default, Samples.NewTeam(), 100, CancellationToken.None));
    }

    /// <summary>A team's queue: at most the count asked for, first queued first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueued_RespectsMaxCount()
    {
        var store = CreateStore();
        var team = Samples.NewTeam();
        var queued = new List<ConversationId>();
        for (var i = 0; i < 5; i++)
        {
            queued.Add((await QueuedAsync(store, team)).Id);
        }

        Assert.Equal(queued.Take(3), (await store.ListQueuedAsync(default, team, 3, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal(queued.Take(1), (await store.ListQueuedAsync(default, team, 1, CancellationToken.None)).Select(c => c.Id));
        Assert.Empty(await store.ListQueuedAsync(default, team, 0, CancellationToken.None));
    }

    /// <summary>Re-queued on another team: it leaves the first team's queue and joins the end of the other's.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueued_RequeuedToAnotherTeam_MovesToTheEndOfThatQueue()
    {
        var store = CreateStore();
        var sales = Samples.NewTeam();
        var support = Samples.NewTeam();
        var moving = await QueuedAsync(store, sales);
        var stays = await QueuedAsync(store, sales);
        var alreadyThere = await QueuedAsync(store, support);

        var moved = await store.UpdateAsync(Samples.Queued(moving, support), CancellationToken.None);

        Assert.Equal([stays.Id], (await store.ListQueuedAsync(default, sales, 100, CancellationToken.None)).Select(c => c.Id));
        var supportQueue = await store.ListQueuedAsync(default, support, 100, CancellationToken.None);
        Assert.Equal([alreadyThere.Id, moved.Id], supportQueue.Select(c => c.Id));
        Assert.Equal(support, supportQueue[1].Team);
    }

    /// <summary>A cancelled token is honoured by the workflow-run and queue calls; the update writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task WorkflowCalls_WithACancelledToken_ThrowAndWriteNothing()
    {
        var store = CreateStore();
        var pending = await OpenWithRunAsync(store);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpdateWorkflowRunAsync(pending with { Status = WorkflowRunStatus.Running }, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindWorkflowRunAsync(default, pending.ConversationId, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListUnfinishedWorkflowRunsAsync(10, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListQueuedAsync(default, Samples.NewTeam(), 10, Cancelled()).AsTask());

        var read = await store.FindWorkflowRunAsync(default, pending.ConversationId, CancellationToken.None);
        Assert.Equal(1, read?.Version);
        Assert.Equal(WorkflowRunStatus.Pending, read?.Status);
    }

    /// <summary>A cancelled opening that would start the workflow stores neither the conversation nor its run.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task OpeningsWithAPendingRun_WithACancelledToken_StoreNoRun()
    {
        var store = CreateStore();
        var append = Samples.InboundStartingWorkflow(Samples.NewContact());
        var conversation = Samples.AgentOpened(Samples.NewContact());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendInboundAsync(append, Cancelled()).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.OpenAsync(conversation, WorkflowRun.Pending(default, conversation.Id, conversation.OpenedAt), Cancelled()).AsTask());

        Assert.Null(await store.FindWorkflowRunAsync(default, append.NewConversationId, CancellationToken.None));
        Assert.Null(await store.FindWorkflowRunAsync(default, conversation.Id, CancellationToken.None));
        Assert.Null(await store.FindAsync(default, conversation.Id, CancellationToken.None));
    }
}
