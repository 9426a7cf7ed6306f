using InboundConversations.Demo.Inbox;
using InboundConversations.Demo.Reporting;
using InboundConversations.Demo.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Demo.App;

/// <summary>
/// Wires an inbox on the library's in-memory default (or PostgreSQL) with the simulated clock, plays the stretch
/// (the background passes a host runs included, on the same clock), prints the timeline (unless quiet) and the
/// summary. No wall clock, no unseeded randomness in the simulation: the same options print the same bytes (on
/// PostgreSQL, all but the header's store name and the last line, which names the run's fresh schema).
/// </summary>
internal static class DemoRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static async Task<InboxSummary> RunAsync(DemoOptions options, DemoStore store, TextWriter output, Palette palette)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(palette);

        var clock = new SimulatedClock(Start);
        var random = new Random(options.Seed);
        var ledger = new ConversationLedger();
        var notifications = new AssignmentNotifications();
        var closures = new ClosureNotifications();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        var inbox = store.Use(services.AddInboundConversations(DemoInboxOptions.Configure))
            .AddEventHandler(ledger)
            .OnEvent<ConversationAssigned>(notifications.OnAssignedAsync)
            .OnEvent<ConversationClosed>(closures.OnClosedAsync);
        if (!options.Quiet)
        {
            services.AddSingleton(sp => new Timeline(output, clock, ledger, palette, sp.GetRequiredService<IConversationEngine>));
            inbox.AddEventHandler<Timeline>();
        }

        inbox.AddInboundWorkflow(DemoWorkflow.Configure);

        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IConversationEngine>();
        var timeline = options.Quiet ? null : provider.GetRequiredService<Timeline>();
        var simulation = new InboxSimulation(engine, provider.GetRequiredService<IAgentRoster>(), clock, random, notifications, closures, ledger, timeline, palette);

        var plan = TrafficPlan.Draw(options.Contacts, random);
        if (!options.Quiet)
        {
            PrintHeader(options, store, output, palette);
        }

        await simulation.RunAsync(plan, Cast.Agents).ConfigureAwait(false);

        var summary = await SummarizeAsync(engine, ledger, simulation, options.Contacts).ConfigureAwait(false);
        if (!options.Quiet)
        {
            output.WriteLine();
        }

        SummaryPrinter.Print(summary, output, palette);
        if (store.SchemaLine is { } schemaLine)
        {
            output.WriteLine(schemaLine);
        }

        return summary;
    }

    private static void PrintHeader(DemoOptions options, DemoStore store, TextWriter output, Palette palette)
    {
        output.WriteLine(palette.Heading($"InboundConversations demo: {options.Contacts} contacts, seed {options.Seed}, simulated time from {Start:ddd d MMM yyyy HH:mm} UTC"));
        output.WriteLine($"Inbox: {store.Description}. Workflow: keyword intent (English and Spanish) and language → rules by intent → the");
        output.WriteLine("contact's previous agent if free, else the least loaded. Teams: "
            + string.Join(", ", Cast.TeamNames.Select(team =>
                $"{palette.Team(team)} ({string.Join(", ", Cast.Agents.Where(a => a.Teams.Contains(team)).Select(a => palette.Agent(a.Id)))})"))
            + ".");
        output.WriteLine($"Timers: a conversation that waits {Minutes(DemoWorkflow.BillingOverflowAfter)} in {palette.Team(Teams.Billing)}'s queue overflows to "
            + $"{palette.Team(Teams.Support)}; one whose contact has not");
        output.WriteLine($"answered an agent for {Minutes(DemoInboxOptions.AutoCloseAfter)} is auto-closed. A background pass (ProcessDueAsync) fires them every "
            + (BackgroundPasses.Interval == TimeSpan.FromMinutes(1) ? "simulated minute." : $"{Minutes(BackgroundPasses.Interval)} of simulated time."));
        output.WriteLine();
    }

    private static string Minutes(TimeSpan duration) => $"{duration.TotalMinutes:0} minutes";

    /// <summary>Reads the inbox back to check it against what was sent, and tabulates the ledger.</summary>
    private static async Task<InboxSummary> SummarizeAsync(IConversationEngine engine, ConversationLedger ledger, InboxSimulation simulation, int contacts)
    {
        var inbox = new List<StoredConversation>(ledger.Records.Count);
        foreach (var record in ledger.Records)
        {
            var messages = await engine.GetMessagesAsync(record.Id).ConfigureAwait(false);
            inbox.Add(new StoredConversation(record, await engine.GetConversationAsync(record.Id).ConfigureAwait(false), messages));
        }

        var (teams, agents) = InboxSummary.Tabulate(ledger.Records, Cast.TeamNames, Cast.Agents.Select(a => (a.Id, string.Join("+", a.Teams))).ToArray());
        return new InboxSummary
        {
            Contacts = contacts,
            From = DemoRun.Start,
            To = simulation.EndedAt,
            Teams = teams,
            Agents = agents,
            Conversations = ledger.Records.Count,
            StillOpen = inbox.Count(static c => c.Conversation.IsOpen),
            ReturningContacts = ledger.Records.Where(static r => r.Previous is not null).Select(static r => r.Contact).Distinct().Count(),
            MostOpenForOneContact = ledger.MostOpenForOneContact,
            MessagesSent = simulation.Counts.Inbound,
            MessagesStored = inbox.Sum(static c => c.Messages.Count(static m => m.Direction == MessageDirection.Inbound)),
            Redeliveries = simulation.Counts.Redeliveries,
            RecognisedRedeliveries = simulation.Counts.RecognisedRedeliveries,
            Replies = simulation.Counts.Replies,
            Passes = simulation.Passes.Count,
            PassTotal = simulation.Passes.Total,
            Overflows = ledger.Records
                .Where(static r => r.TimedOutIn is not null)
                .GroupBy(static r => (From: r.TimedOutIn!, To: r.Team ?? "?"))
                .Select(static g => (g.Key.From, g.Key.To, g.Count()))
                .OrderBy(static o => o.From, StringComparer.Ordinal).ThenBy(static o => o.To, StringComparer.Ordinal)
                .ToArray(),
            Snoozed = ledger.Records.Count(static r => r.SnoozedAt is not null),
            WokenByContact = ledger.Records.Count(static r => r.WakeReason == WakeReason.ContactMessage),
            Inbox = inbox,
        };
    }
}
