using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

public abstract partial class ConversationStoreContract
{
    /// <summary>
    /// The teams with a queue are listed in every workspace, by workspace then team (ordinal), each once however many
    /// conversations wait there; a team whose conversations all left the queue is not; paging visits each once.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueuedTeams_ListsEachTeamWithAQueueOnce_InOrder_Paged()
    {
        var store = CreateStore();
        var prefix = $"qt-{Guid.NewGuid():N}";
        var (alpha, beta, emptied) = (new TeamId($"{prefix}-alpha"), new TeamId($"{prefix}-beta"), new TeamId($"{prefix}-emptied"));
        var elsewhere = new WorkspaceId($"{prefix}-ws");
        await QueuedAsync(store, beta);
        await QueuedAsync(store, alpha);
        await QueuedAsync(store, alpha);
        await QueuedAsync(store, alpha, elsewhere);
        var leaves = await QueuedAsync(store, emptied);
        await store.UpdateAsync(StoreSamples.Assigned(leaves, Samples.NewAgent()), CancellationToken.None);

        var listed = new List<QueuedTeam>();
        QueuedTeam? after = null;
        while (true)
        {
            var page = await store.ListQueuedTeamsAsync(after, 2, CancellationToken.None);
            Assert.True(page.Count <= 2);
            listed.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1];
        }

        var mine = listed.Where(t => t.Team.Value.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        Assert.Equal([new QueuedTeam(default, alpha), new QueuedTeam(default, beta), new QueuedTeam(elsewhere, alpha)], mine);
        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(
            listed.OrderBy(t => t.Workspace.Value, StringComparer.Ordinal).ThenBy(t => t.Team.Value, StringComparer.Ordinal),
            listed);
    }

    /// <summary>Listing the teams with a queue honours a cancelled token.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ListQueuedTeams_WithACancelledToken_Throws()
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListQueuedTeamsAsync(null, 10, new CancellationToken(canceled: true)).AsTask());
    }
}
