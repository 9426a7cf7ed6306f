using InboundConversations.Storage;
using Xunit;

namespace InboundConversations.Testing;

// The claim tests over a store shared with other tests: each first claims, for years, whatever other tests left due
// at the latest time it claims at (ClaimLeftoversAsync), so its own claims see only the conversations it writes.
public abstract partial class ConversationStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A claim returns the open conversations with a timer due (at or before now, by their earliest timer), earliest
    /// first, as stored; not those with no timer due yet or none armed, nor a closed one with a timer due.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_ReturnsTheDueOpenConversationsEarliestFirst_AsStored()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        var tenAgo = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-10)));
        var thirtyAgo = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.QueueTimeout, now.AddSeconds(-30)));
        var dueNow = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.SnoozeEnd, now));
        var earliestOfTwo = await OpenWithTimersAsync(
            store, Timer(ConversationTimerKind.QueueTimeout, now.AddHours(1)), Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-20)));
        await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(1)));
        await OpenWithTimersAsync(store);
        await store.UpdateAsync(Samples.Closed(await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-40)))), CancellationToken.None);

        var claimed = await store.ClaimDueAsync(now, Lease, 100, CancellationToken.None);

        Assert.Equal([thirtyAgo, earliestOfTwo, tenAgo, dueNow], claimed);
        foreach (var conversation in claimed)
        {
            Assert.Equal(conversation, await store.FindAsync(default, conversation.Id, CancellationToken.None));
        }
    }

    /// <summary>A claim takes at most its maximum, the earliest due first; the next claim takes the rest.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_TakesAtMostMaxCount_EarliestFirst()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        var third = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-1)));
        var first = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-3)));
        var second = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-2)));

        Assert.Equal([first.Id, second.Id], (await store.ClaimDueAsync(now, Lease, 2, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal([third.Id], (await store.ClaimDueAsync(now, Lease, 2, CancellationToken.None)).Select(c => c.Id));
        Assert.Empty(await store.ClaimDueAsync(now, Lease, 2, CancellationToken.None));
    }

    /// <summary>
    /// A claimed conversation is not returned while its claim lasts (until now + lease), and is returned again, by
    /// any caller, once the claim has lapsed; the claim changes nothing of the conversation.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_WhileTheClaimLasts_SkipsTheConversation_AndAfterItLapses_ReturnsItAgain()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now + (3 * Lease));
        var armed = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-5)));

        Assert.Equal([armed], await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(now + Lease - TimeSpan.FromSeconds(1), Lease, 10, CancellationToken.None));
        Assert.Equal([armed], await store.ClaimDueAsync(now + Lease, Lease, 10, CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(now + Lease + Lease - TimeSpan.FromSeconds(1), Lease, 10, CancellationToken.None));
        Assert.Equal([armed], await store.ClaimDueAsync(now + (3 * Lease), Lease, 10, CancellationToken.None));
        Assert.Equal(armed, await store.FindAsync(default, armed.Id, CancellationToken.None));
    }

    /// <summary>
    /// Any write of a claimed conversation ends its claim: an update, an outbound message that arms a timer, or an
    /// inbound message that cancels one (another timer still due); the next claim returns it as written. A claimed
    /// conversation nothing wrote stays claimed.
    /// </summary>
    /// <param name="write">The write: <c>update</c>, <c>arming reply</c> or <c>cancelling message</c>.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData("update")]
    [InlineData("arming reply")]
    [InlineData("cancelling message")]
    public virtual async Task ClaimDue_AfterAWriteOfTheClaimedConversation_ReturnsItAgain(string write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        var contact = Samples.NewContact();
        var (queueTimeout, autoClose) = (Timer(ConversationTimerKind.QueueTimeout, now.AddSeconds(-2)), Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-1)));
        var written = await OpenWithTimersAsync(store, contact, queueTimeout, autoClose);
        var untouched = await OpenWithTimersAsync(store, queueTimeout, autoClose);
        Assert.Equal(new[] { written.Id.Value, untouched.Id.Value }.Order(), (await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None)).Select(c => c.Id.Value).Order());

        switch (write)
        {
            case "update":
                await store.UpdateAsync(written with { Team = Samples.NewTeam() }, CancellationToken.None);
                break;
            case "arming reply":
                await store.AppendOutboundAsync(Samples.Reply(written), Timer(ConversationTimerKind.AutoClose, now.AddHours(1)), CancellationToken.None);
                break;
            default:
                await store.AppendInboundAsync(Samples.Inbound(contact) with { CancelTimers = [ConversationTimerKind.AutoClose] }, CancellationToken.None);
                break;
        }

        var stored = await store.FindAsync(default, written.Id, CancellationToken.None);
        Assert.Equal(written.Version + 1, stored!.Version);
        Assert.Equal([stored], await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
    }

    /// <summary>A closed conversation is never claimed, though it kept a timer due: not after a claim of it lapsed, not if never claimed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_NeverReturnsAClosedConversation()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now + (2 * Lease));
        var timer = Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-1));
        var claimedThenClosed = await OpenWithTimersAsync(store, timer);
        Assert.Equal([claimedThenClosed], await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
        var closed = await store.UpdateAsync(Samples.Closed(claimedThenClosed), CancellationToken.None);
        await store.UpdateAsync(Samples.Closed(await OpenWithTimersAsync(store, timer)), CancellationToken.None);

        Assert.Empty(await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(now + (2 * Lease), Lease, 10, CancellationToken.None));
        Assert.Equal(closed, await store.FindAsync(default, closed.Id, CancellationToken.None));
        Assert.Equal(ConversationTimers.Of([timer]), closed.Timers);
    }

    /// <summary>
    /// A claim returns the due conversations of every workspace, each with its workspace; two conversations with one id
    /// in two workspaces are two claims: a write of one ends its claim only.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_ReturnsEveryWorkspacesConversations_EachClaimedOnItsOwn()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        var (acme, globex) = (new WorkspaceId($"acme-{Guid.NewGuid():N}"), new WorkspaceId($"globex-{Guid.NewGuid():N}"));
        var id = new ConversationId(Guid.NewGuid());
        var timers = ConversationTimers.Of([Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-3))]);
        var inAcme = (await store.OpenAsync(Samples.AgentOpened(Samples.NewContact(), acme) with { Id = id, Timers = timers }, null, CancellationToken.None)).Conversation;
        var inGlobex = (await store.OpenAsync(Samples.AgentOpened(Samples.NewContact(), globex) with { Id = id, Timers = timers }, null, CancellationToken.None)).Conversation;
        var inDefault = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-2)));

        var claimed = await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None);

        Assert.Equal(3, claimed.Count);
        Assert.Contains(inAcme, claimed);
        Assert.Contains(inGlobex, claimed);
        Assert.Equal(inDefault, claimed[2]);
        var updated = await store.UpdateAsync(inGlobex with { Team = Samples.NewTeam() }, CancellationToken.None);
        Assert.Equal([updated], await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
    }

    /// <summary>
    /// Many claimers at once never get one conversation twice while its claim lasts: each due conversation goes to
    /// one of them (or, skipped while another held it, to the next claim), round after round.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_ManyClaimersAtOnce_NeverGetOneConversationTwice()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        for (var round = 0; round < 4; round++)
        {
            var due = new List<Guid>();
            for (var i = 0; i < 40; i++)
            {
                due.Add((await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-1 - (i % 7))))).Id.Value);
            }

            var claims = await RaceAsync(16, async _ => await store.ClaimDueAsync(now, Lease, 5, CancellationToken.None));
            var rest = await store.ClaimDueAsync(now, Lease, 100, CancellationToken.None);

            var taken = claims.SelectMany(c => c).Concat(rest).Select(c => c.Id.Value).ToArray();
            Assert.All(claims, c => Assert.True(c.Count <= 5));
            Assert.Equal(taken.Length, taken.Distinct().Count());
            Assert.Equal(due.Order(), taken.Order());
        }
    }

    /// <summary>A lease or a maximum that is not above zero is an argument error, naming it; nothing is claimed.</summary>
    /// <param name="leaseSeconds">The lease, in seconds.</param>
    /// <param name="maxCount">The most to claim.</param>
    /// <param name="parameter">The parameter the error names.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(0, 10, "lease")]
    [InlineData(-60, 10, "lease")]
    [InlineData(60, 0, "maxCount")]
    [InlineData(60, -1, "maxCount")]
    public virtual async Task ClaimDue_WithALeaseOrMaxCountNotAboveZero_ThrowsArgumentOutOfRangeAndClaimsNothing(int leaseSeconds, int maxCount, string parameter)
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        var armed = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-1)));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            store.ClaimDueAsync(now, TimeSpan.FromSeconds(leaseSeconds), maxCount, CancellationToken.None).AsTask());

        Assert.Equal(parameter, error.ParamName);
        Assert.Equal([armed], await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
    }

    /// <summary>A claim with a cancelled token throws and claims nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task ClaimDue_WithACancelledToken_ThrowsAndClaimsNothing()
    {
        var store = CreateStore();
        var now = Samples.NextTime().AddHours(1);
        await ClaimLeftoversAsync(store, now);
        var armed = await OpenWithTimersAsync(store, Timer(ConversationTimerKind.AutoClose, now.AddSeconds(-1)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ClaimDueAsync(now, Lease, 10, Cancelled()).AsTask());

        Assert.Equal([armed], await store.ClaimDueAsync(now, Lease, 10, CancellationToken.None));
    }

    /// <summary>
    /// Claims, for ten years, every conversation due at <paramref name="until"/> that other tests left in a store
    /// shared with them, so that this test's claims up to <paramref name="until"/> return only the conversations it writes.
    /// </summary>
    private static async Task ClaimLeftoversAsync(IConversationStore store, DateTimeOffset until)
    {
        const int page = 1_000;
        while ((await store.ClaimDueAsync(until, TimeSpan.FromDays(3_650), page, CancellationToken.None).ConfigureAwait(false)).Count == page)
        {
        }
    }
}
