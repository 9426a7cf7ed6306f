using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Benchmarks.Setup;

/// <summary>
/// The engine of the timer benchmarks: no workflow (conversations stay Unassigned, so a pass does nothing but fire
/// timers: no run to resume, no reservation to check, no queue to drain), auto-close after <see cref="AutoCloseAfter"/>,
/// and a <see cref="BenchmarkClock"/> moved on by hand. The helpers arm timers through the engine's own calls, as a
/// host's agents and contacts would.
/// </summary>
public sealed class TimerInbox : IAsyncDisposable
{
    /// <summary>How long after an agent's message a silent conversation is closed.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromHours(1);

    /// <summary>How long the benchmarks snooze the conversations whose snooze ends in the measured pass.</summary>
    public static readonly TimeSpan SnoozeFor = TimeSpan.FromMinutes(1);

    private static readonly Actor AgentActor = Actor.Agent(Workload.Agent(0));

    private readonly EngineInbox _inbox;

    private TimerInbox(EngineInbox inbox, BenchmarkClock clock)
    {
        _inbox = inbox;
        Clock = clock;
    }

    public IConversationEngine Engine => _inbox.Engine;

    public BenchmarkClock Clock { get; }

    /// <summary>A new engine (with <paramref name="storage"/> in place of the in-memory adapters, if given).</summary>
    /// <param name="autoCloseAfter">The auto-close delay; <see cref="AutoCloseAfter"/> unless given.</param>
    /// <param name="storage">Replaces the in-memory adapters (the PostgreSQL benchmarks pass <c>UsePostgreSql</c>).</param>
    public static async Task<TimerInbox> CreateAsync(TimeSpan? autoCloseAfter = null, Action<IInboundConversationsBuilder>? storage = null)
    {
        var clock = new BenchmarkClock(DateTimeOffset.UtcNow);
        var inbox = await EngineInbox.CreateAsync(
            agents: 0,
            capacity: 1,
            withWorkflow: false,
            storage,
            configure: options => options.AutoCloseAfter = autoCloseAfter ?? AutoCloseAfter,
            clock);
        return new TimerInbox(inbox, clock);
    }

    /// <summary>Opens a conversation for each of <paramref name="count"/> new contacts (ids <paramref name="prefix"/>-…), by a first message.</summary>
    public async Task<ConversationId[]> OpenAsync(string prefix, int count)
    {
        var ids = new ConversationId[count];
        for (var i = 0; i < count; i++)
        {
            var received = await Engine.ReceiveAsync(Workload.Inbound(new ContactId($"{prefix}-{i:D6}"), $"{prefix}-open-{i}", Workload.FirstMessage, Clock.GetUtcNow()));
            ids[i] = received.ConversationId;
        }

        return ids;
    }

    /// <summary>Opens <paramref name="count"/> conversations and answers each as an agent, which arms its auto-close.</summary>
    public async Task<ConversationId[]> OpenAnsweredAsync(string prefix, int count)
    {
        var ids = await OpenAsync(prefix, count);
        foreach (var id in ids)
        {
            await Engine.SendAsync(new OutboundMessage { ConversationId = id, Author = AgentActor, Content = Workload.Reply });
        }

        return ids;
    }

    /// <summary>
    /// A second contact message to each of <paramref name="count"/> conversations opened by <see cref="OpenAsync"/>: the
    /// same number of engine calls as <see cref="OpenAnsweredAsync"/>, and no timer armed.
    /// </summary>
    public async Task FollowUpAsync(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Engine.ReceiveAsync(Workload.Inbound(new ContactId($"{prefix}-{i:D6}"), $"{prefix}-follow-up-{i}", Workload.FollowUp, Clock.GetUtcNow()));
        }
    }

    /// <summary>Snoozes each conversation for <see cref="SnoozeFor"/>.</summary>
    public async Task SnoozeAsync(ConversationId[] ids)
    {
        var until = Clock.GetUtcNow() + SnoozeFor;
        foreach (var id in ids)
        {
            await Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = id, Until = until, SnoozedBy = AgentActor });
        }
    }

    /// <summary>Closes each conversation as the agent would, with the auto-close's category.</summary>
    public async Task CloseAsync(ConversationId[] ids)
    {
        foreach (var id in ids)
        {
            await Engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = AgentActor, Category = "auto-closed" });
        }
    }

    /// <summary>
    /// One background pass that must fire exactly <paramref name="expected"/> timers: a benchmark whose pass fired
    /// fewer (a setup mistake) would time the wrong thing, so it fails instead.
    /// </summary>
    public async Task PassAsync(int expected)
    {
        var pass = await Engine.ProcessDueAsync();
        if (pass.TimersFired != expected || pass.TimersSkipped + pass.TimersFailed + pass.FailedSteps != 0)
        {
            throw new InvalidOperationException(
                $"the pass fired {pass.TimersFired} timers (skipped {pass.TimersSkipped}, failed {pass.TimersFailed}, failed steps {pass.FailedSteps}), expected {expected}");
        }
    }

    public ValueTask DisposeAsync() => _inbox.DisposeAsync();
}
