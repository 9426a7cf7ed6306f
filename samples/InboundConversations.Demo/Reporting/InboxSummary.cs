namespace InboundConversations.Demo.Reporting;

/// <summary>The closing summary: figures per team and per agent, and what was checked against the inbox.</summary>
internal sealed record InboxSummary
{
    public required int Contacts { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required IReadOnlyList<Figures> Teams { get; init; }

    public required IReadOnlyList<Figures> Agents { get; init; }

    public required int Conversations { get; init; }

    /// <summary>Conversations the inbox still holds open at the end (the simulation closes every one).</summary>
    public required int StillOpen { get; init; }

    /// <summary>How many contacts came back after a closed conversation, which opened a new one.</summary>
    public required int ReturningContacts { get; init; }

    public required int MostOpenForOneContact { get; init; }

    /// <summary>Contact messages the simulation delivered (each once, redeliveries apart).</summary>
    public required int MessagesSent { get; init; }

    /// <summary>Contact messages the inbox holds, read back from it at the end.</summary>
    public required int MessagesStored { get; init; }

    public required int Redeliveries { get; init; }

    public required int RecognisedRedeliveries { get; init; }

    public required int Replies { get; init; }

    /// <summary>How many background passes (<see cref="IConversationEngine.ProcessDueAsync"/>) ran over the stretch.</summary>
    public required int Passes { get; init; }

    /// <summary>What the background passes did, added up: the timers they fired, and what they made up for.</summary>
    public required ProcessDueResult PassTotal { get; init; }

    /// <summary>The queue timeouts' transfers the ledger saw, by team and destination: ("billing", "support", 2).</summary>
    public required IReadOnlyList<(string From, string To, int Count)> Overflows { get; init; }

    /// <summary>Conversations an agent snoozed (while the contact went to check something).</summary>
    public required int Snoozed { get; init; }

    /// <summary>Snoozed conversations the contact's reply woke before the snooze ended.</summary>
    public required int WokenByContact { get; init; }

    /// <summary>Every conversation as the inbox stores it at the end, with its messages and its record, in the order they opened.</summary>
    public required IReadOnlyList<StoredConversation> Inbox { get; init; }

    /// <summary>Computes the figures from the ledger: teams and agents in the given order, each with every conversation routed or assigned to it.</summary>
    public static (IReadOnlyList<Figures> Teams, IReadOnlyList<Figures> Agents) Tabulate(
        IReadOnlyList<ConversationRecord> records, IReadOnlyList<string> teams, IReadOnlyList<(string Agent, string Team)> agents)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(agents);
        return (
            teams.Select(team => Figures.Of(team, team, records.Where(r => r.Team == team).ToArray())).ToArray(),
            agents.Select(a => Figures.Of(a.Agent, a.Team, records.Where(r => r.Agent == a.Agent).ToArray())).ToArray());
    }
}
