using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Simulation;

/// <summary>
/// What a host's background service does, on the simulated clock: a pass of
/// <see cref="IConversationEngine.ProcessDueAsync"/> when the stretch starts and then every <see cref="Interval"/>,
/// which fires the timers that came due (billing's queue timeout, the auto-close) and makes up for any follow-up a
/// failure skipped. The timeline shows a pass only when it did something; the summary adds up what every pass did.
/// </summary>
internal sealed class BackgroundPasses(IConversationEngine engine, Agenda agenda, Timeline? timeline, Func<bool> stretchGoesOn)
{
    /// <summary>How often a pass runs: a timer fires at the first pass at or after its due time, up to a minute late.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>How many passes ran.</summary>
    public int Count { get; private set; }

    /// <summary>What the passes did, added up.</summary>
    public ProcessDueResult Total { get; private set; } = new();

    public void Start() => agenda.After(TimeSpan.Zero, RunAsync);

    private async Task RunAsync()
    {
        if (!stretchGoesOn())
        {
            return;
        }

        timeline?.Announce("background pass");
        ProcessDueResult pass;
        try
        {
            pass = await engine.ProcessDueAsync().ConfigureAwait(false);
        }
        finally
        {
            timeline?.Withdraw();
        }

        Count++;
        Total = Add(Total, pass);
        agenda.After(Interval, RunAsync);
    }

    private static ProcessDueResult Add(ProcessDueResult total, ProcessDueResult pass) => new()
    {
        RunsResumed = total.RunsResumed + pass.RunsResumed,
        QueuedRunsEnded = total.QueuedRunsEnded + pass.QueuedRunsEnded,
        LeftoverReservationsReleased = total.LeftoverReservationsReleased + pass.LeftoverReservationsReleased,
        QueuedConversationsAssigned = total.QueuedConversationsAssigned + pass.QueuedConversationsAssigned,
        QueueTimeoutsFired = total.QueueTimeoutsFired + pass.QueueTimeoutsFired,
        ConversationsAutoClosed = total.ConversationsAutoClosed + pass.ConversationsAutoClosed,
        SnoozesEnded = total.SnoozesEnded + pass.SnoozesEnded,
        TimersSkipped = total.TimersSkipped + pass.TimersSkipped,
        TimersFailed = total.TimersFailed + pass.TimersFailed,
        FailedSteps = total.FailedSteps + pass.FailedSteps,
    };
}
