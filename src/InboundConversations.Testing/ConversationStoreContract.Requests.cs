using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>A null request to any write is an argument error, not a storage error.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Writes_WithANullRequest_ThrowArgumentNull()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendInboundAsync(null!, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.OpenAsync(null!, null, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendOutboundAsync(null!, null, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpdateAsync(null!, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpdateWorkflowRunAsync(null!, CancellationToken.None).AsTask());
    }

    /// <summary>
    /// Opening a conversation with the id of one already stored (closed, so the contact has none open; or another
    /// contact's) is refused naming the id, and opens nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_WithTheIdOfAStoredConversation_ThrowsInvalidRequestAndOpensNothing()
    {
        var store = CreateStore();
        var (contact, other) = (Samples.NewContact(), Samples.NewContact());
        var first = await OpenAsync(store, contact: contact);
        var closed = await store.UpdateAsync(Samples.Closed(first), CancellationToken.None);

        var again = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            store.OpenAsync(Samples.AgentOpened(contact) with { Id = first.Id }, null, CancellationToken.None).AsTask());
        var forOther = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            store.OpenAsync(Samples.AgentOpened(other) with { Id = first.Id }, null, CancellationToken.None).AsTask());

        Assert.All([again, forOther], e => Assert.Equal(nameof(Conversation.Id), e.Field));
        Assert.All([again, forOther], e => Assert.Equal($"The request's Id is not valid: conversation {first.Id} already exists.", e.Message));
        Assert.Null(await store.FindOpenAsync(default, contact, CancellationToken.None));
        Assert.Null(await store.FindOpenAsync(default, other, CancellationToken.None));
        Assert.Equal([closed], await store.ListByContactAsync(default, contact, CancellationToken.None));
        Assert.Empty(await store.ListByContactAsync(default, other, CancellationToken.None));
    }

    /// <summary>A conversation opened straight into a team's queue is in that queue, and its team is listed as having one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Open_AConversationInStateQueued_ListsItInTheTeamsQueue()
    {
        var store = CreateStore();
        var prefix = $"oq-{Guid.NewGuid():N}";
        var team = new TeamId($"{prefix}-team");
        var queued = Samples.AgentOpened(Samples.NewContact()) with { State = ConversationState.Queued, Team = team, QueuedAt = Samples.NextTime() };

        await store.OpenAsync(queued, null, CancellationToken.None);

        Assert.Equal([queued.Id], (await store.ListQueuedAsync(default, team, 10, CancellationToken.None)).Select(c => c.Id));

        // Only teams named with the fresh prefix sort between the prefix itself and this team.
        var next = await store.ListQueuedTeamsAsync(new QueuedTeam(default, new TeamId(prefix)), 1, CancellationToken.None);
        Assert.Equal([new QueuedTeam(default, team)], next);
    }

    /// <summary>
    /// A contact's conversations are listed by the time they were opened, also when they were written out of that
    /// order (an open whose time is earlier than a closed one's); two opened at the same time keep the order written.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListByContact_OfConversationsWrittenOutOfTimeOrder_IsInOpeningTimeOrder()
    {
        var store = CreateStore();
        var contact = Samples.NewContact();
        var start = SampleStart.AddDays(-1);
        var written = new List<Conversation>();
        foreach (var minutes in new[] { 3, 1, 2, 3 })
        {
            var opened = (await store.OpenAsync(Samples.AgentOpened(contact) with { OpenedAt = start.AddMinutes(minutes) }, null, CancellationToken.None)).Conversation;
            written.Add(written.Count < 3 ? await store.UpdateAsync(Samples.Closed(opened), CancellationToken.None) : opened);
        }

        var listed = await store.ListByContactAsync(default, contact, CancellationToken.None);

        Assert.Equal([written[1].Id, written[2].Id, written[0].Id, written[3].Id], listed.Select(c => c.Id));
        Assert.Equal(written[3], listed[^1]);
    }
}
