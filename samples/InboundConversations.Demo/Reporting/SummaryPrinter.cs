namespace InboundConversations.Demo.Reporting;

/// <summary>Prints the closing summary: the checks against the inbox, then a table per team and per agent.</summary>
internal static class SummaryPrinter
{
    private const string Columns = "conversations  queued  median to assignment  median to first reply";

    public static void Print(InboxSummary summary, TextWriter output, Palette palette)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(palette);

        var span = summary.To - summary.From;
        output.WriteLine(palette.Heading("Summary"));
        output.WriteLine($"  simulated time {summary.From:ddd d MMM yyyy HH:mm} → {summary.To:ddd d MMM yyyy HH:mm} ({Durations.Format(span)})");
        output.WriteLine($"  {summary.Contacts} contacts, {summary.Conversations} conversations ({summary.ReturningContacts} contacts came back after a close and got a new one)");
        output.WriteLine($"  {summary.MessagesSent} contact messages sent, {summary.MessagesStored} stored; {summary.Redeliveries} redelivered webhooks, "
            + $"{summary.RecognisedRedeliveries} recognised and not applied; {summary.Replies} agent replies");
        output.WriteLine($"  most conversations open at once for one contact: {summary.MostOpenForOneContact}; still open at the end: {summary.StillOpen}");
        output.WriteLine($"  {Count(summary.Snoozed, "conversation")} snoozed by their agent: {summary.WokenByContact} woken by the contact's reply, "
            + $"{summary.PassTotal.SnoozesEnded} by the snooze's end");
        output.WriteLine($"  {Count(summary.Passes, "background pass", "background passes")} (ProcessDueAsync) fired {Timers(summary)}");
        output.WriteLine($"  what the passes made up for: {Backstop(summary.PassTotal)}");
        output.WriteLine("  (times are medians from the opening, in simulated time)");
        output.WriteLine();

        output.WriteLine($"  {"team",-10} {Columns}");
        foreach (var team in summary.Teams)
        {
            output.WriteLine($"  {palette.Team(team.Name.PadRight(10))} {Cells(team)}");
        }

        output.WriteLine();
        var teamsWidth = Math.Max(10, summary.Agents.Select(static a => a.Team.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"  {"agent",-10} {"teams".PadRight(teamsWidth)} {Columns}");
        foreach (var agent in summary.Agents)
        {
            output.WriteLine($"  {palette.Agent(agent.Name.PadRight(10))} {palette.Team(agent.Team.PadRight(teamsWidth))} {Cells(agent)}");
        }
    }

    private static string Timers(InboxSummary summary)
    {
        var pass = summary.PassTotal;
        var overflows = summary.Overflows.Count == 0 ? "" : $" ({string.Join(", ", summary.Overflows.Select(static o => $"{o.Count} {o.From} → {o.To}"))})";
        return $"{Count(pass.TimersFired, "timer")}: {Count(pass.QueueTimeoutsFired, "queue timeout")}{overflows}, "
            + $"{Count(pass.ConversationsAutoClosed, "auto-close")}, {Count(pass.SnoozesEnded, "snooze end")}; {pass.TimersSkipped} skipped, {pass.TimersFailed} failed";
    }

    private static string Count(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";

    private static string Backstop(ProcessDueResult pass) =>
        $"{pass.RunsResumed} runs resumed, {pass.QueuedRunsEnded} queued runs ended, {pass.LeftoverReservationsReleased} leftover reservations released, "
        + $"{pass.QueuedConversationsAssigned} queued conversations assigned"
        + (pass.FailedSteps > 0 ? $"; {pass.FailedSteps} steps failed" : "")
        + (pass is { RunsResumed: 0, QueuedRunsEnded: 0, LeftoverReservationsReleased: 0, QueuedConversationsAssigned: 0, FailedSteps: 0 } ? " (nothing was left behind)" : "");

    private static string Cells(Figures figures) =>
        $"{figures.Conversations,13}  {figures.Queued,6}  {Durations.Format(figures.MedianToAssignment),20}  {Durations.Format(figures.MedianToFirstReply),21}";
}
