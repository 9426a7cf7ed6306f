namespace InboundConversations.Demo.Reporting;

/// <summary>
/// Prints the stretch as it happens. Lines with a time are what people did (a contact writes, an agent replies or
/// closes, an agent's presence changes) or a background pass that fired something; what the library did in answer
/// comes from its events, joined with arrows: on the same line when it continues the story of the line's
/// conversation, on an indented line otherwise.
/// </summary>
/// <remarks>
/// Registered after the <see cref="ConversationLedger"/>, whose records it reads. On <see cref="ConversationRouted"/>
/// it reads the run record for the facts enrichment found: the run is stored before the event is raised, and a
/// handler may call the engine. The engine is resolved lazily, since the engine itself is built with the handlers.
/// A queue timeout's transfer raises the new team's <see cref="ConversationAssigned"/> (by the system) or
/// <see cref="ConversationQueued"/> before <see cref="ConversationQueueTimedOut"/>: the timeline skips the first and
/// tells the whole story with the second, which carries the conversation as the fallback left it.
/// </remarks>
internal sealed class Timeline(TextWriter output, TimeProvider clock, ConversationLedger ledger, Palette palette, Func<IConversationEngine> engine)
    : IConversationEventHandler
{
    private const string Indent = "          "; // as wide as "09:00:00  "
    private DateOnly? _day;
    private bool _lineOpen;
    private ConversationId? _lineConversation;
    private string? _announced;

    /// <summary>Starts a line with the simulated time: something a person did.</summary>
    public void Action(string text)
    {
        EndLine();
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (_day is { } previous && previous != day)
        {
            output.WriteLine(palette.Time($"── {now:ddd d MMM yyyy} ──"));
        }

        _day = day;
        output.Write(palette.Time(now.ToString("HH:mm:ss")));
        output.Write("  ");
        output.Write(text);
        _lineOpen = true;
        _lineConversation = null;
    }

    /// <summary>
    /// Starts a line like <see cref="Action"/>, but only if an event arrives before <see cref="Withdraw"/>: for the
    /// background pass, which most of the time does nothing worth a line.
    /// </summary>
    public void Announce(string text) => _announced = text;

    /// <summary>Forgets an <see cref="Announce"/>d line that no event needed.</summary>
    public void Withdraw() => _announced = null;

    /// <summary>Adds an outcome to the current line, after an arrow.</summary>
    public void Append(string fragment)
    {
        if (!_lineOpen)
        {
            throw new InvalidOperationException("There is no line to append to.");
        }

        output.Write(" → ");
        output.Write(fragment);
    }

    public void EndLine()
    {
        if (_lineOpen)
        {
            output.WriteLine();
            _lineOpen = false;
        }
    }

    public async ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationEvent);
        var id = conversationEvent.ConversationId;
        var record = ledger[id];
        switch (conversationEvent)
        {
            case ConversationOpened opened:
                StartLine(id, $"opened {Opener(opened, record)}");
                break;
            case MessageReceived received when received.Message.Sequence > 1:
                Attach(id, $"joins {Label(record)} as message {received.Message.Sequence}");
                break;
            case ConversationRouted routed:
                var run = await engine().FindWorkflowRunAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
                Continue(id, $"enriched: {Facts(run)}");
                Continue(id, $"routed to {palette.Team(routed.Team.Value)}");
                break;
            case ConversationQueued queued when queued.Team.Value != record.Team:
                break; // a queue timeout's transfer: ConversationQueueTimedOut follows and tells it
            case ConversationQueued queued:
                Continue(id, palette.Warning($"queued (nobody in {queued.Team} available)"));
                break;
            case ConversationAssigned assigned when assigned.AssignedBy.Kind == ActorKind.System:
                break; // a queue timeout's transfer, likewise
            case ConversationAssigned assigned:
                Continue(id, Assignment(assigned, record));
                break;
            case ConversationQueueTimedOut timedOut:
                AttachLabelled(id, TimedOut(timedOut));
                break;
            case MessageSent sent when sent.Message.Author.Kind == ActorKind.Agent && record.AgentReplies == 1:
                Attach(id, $"first reply after {Durations.Format(sent.OccurredAt - record.OpenedAt)}");
                break;
            case ConversationClosed closed when closed.Closure.ClosedBy.Kind == ActorKind.System:
                AttachLabelled(id, $"{SystemClose(closed, record)} → closed after {Durations.Format(closed.OccurredAt - record.OpenedAt)}");
                break;
            case ConversationClosed closed:
                Attach(id, $"closed after {Durations.Format(closed.OccurredAt - record.OpenedAt)}");
                break;
            case ConversationSnoozed snoozed:
                Attach(id, $"snoozed: wakes at {snoozed.Until:HH:mm:ss}, or sooner if {palette.Contact(record.Contact)} writes");
                break;
            case ConversationWoke { Reason: WakeReason.ContactMessage } woke:
                Continue(id, $"wakes after {Durations.Format(woke.OccurredAt - (record.SnoozedAt ?? woke.OccurredAt))} snoozed: {palette.Contact(record.Contact)} wrote");
                break;
            case ConversationWoke woke:
                AttachLabelled(id, $"wakes: its snooze ended after {Durations.Format(woke.OccurredAt - (record.SnoozedAt ?? woke.OccurredAt))}");
                break;
            case ConversationUnassigned:
                Continue(id, palette.Warning("left unassigned"));
                break;
        }
    }

    private string Opener(ConversationOpened opened, ConversationRecord record)
    {
        var who = palette.Contact(record.Contact);
        if (opened.Source != ConversationSource.Contact)
        {
            return $"for {who} by {opened.Conversation.OpenedBy}";
        }

        return record.Previous is { } previous
            ? $"for {who} (back; {Label(previous)} stays closed)"
            : $"for {who}";
    }

    private string Assignment(ConversationAssigned assigned, ConversationRecord record)
    {
        var text = $"assigned to {palette.Agent(assigned.Assignee.Value)}";
        if (record.QueuedAt is { } queuedAt)
        {
            text += $" after {Durations.Format(assigned.OccurredAt - queuedAt)} in the queue";
        }

        if (record.Previous?.Agent == assigned.Assignee.Value)
        {
            text += $" (again: {Label(record.Previous)} was theirs)";
        }

        return text;
    }

    /// <summary>The team it waited in and for how long, what the fallback did, and where that left the conversation.</summary>
    private string TimedOut(ConversationQueueTimedOut timedOut)
    {
        var text = palette.Warning($"timed out after {Durations.Format(timedOut.OccurredAt - timedOut.QueuedAt)} in {timedOut.Team}'s queue");
        var after = timedOut.Conversation;
        return timedOut.Action switch
        {
            QueueTimeoutAction.Transfer => $"{text} → overflows to {palette.Team(after.Team!.Value.Value)} → "
                + (after.Assignee is { } agent ? $"assigned to {palette.Agent(agent.Value)}" : palette.Warning($"queued (nobody in {after.Team} available)")),
            QueueTimeoutAction.Unassign => $"{text} → {palette.Warning("left unassigned")}",
            QueueTimeoutAction.Close => $"{text} → closed",
            _ => $"{text} → stays queued",
        };
    }

    /// <summary>Who closed it and with which category; for the auto-close, how long the contact left the agent's last message unanswered.</summary>
    private string SystemClose(ConversationClosed closed, ConversationRecord record)
    {
        var text = $"closed by {closed.Closure.ClosedBy} (category {closed.Closure.Category})";
        return record.LastAgentMessageAt is { } answered && record.Agent is { } agent && closed.Closure.ClosedBy.Id == "auto-close"
            ? $"{text}: {palette.Contact(record.Contact)} has not answered {palette.Agent(agent)} for {Durations.Format(closed.OccurredAt - answered)}"
            : text;
    }

    private static string Facts(WorkflowRun? run)
    {
        var facts = run?.Facts ?? new Dictionary<string, string>();
        var text = string.Join(", ", facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        return facts.ContainsKey(Workflow.WorkflowFacts.Intent) ? text : text.Length == 0 ? "no intent" : $"{text}, no intent";
    }

    private string Label(ConversationRecord record) => palette.Conversation(record.Label);

    /// <summary>Continues the current line if it is about this conversation; otherwise starts an indented one.</summary>
    private void Continue(ConversationId id, string fragment)
    {
        PrintAnnounced();
        if (_lineOpen && _lineConversation == id)
        {
            Append(fragment);
        }
        else
        {
            StartLine(id, fragment);
        }
    }

    /// <summary>Like <see cref="Continue"/>, but may also complete the action line that caused it.</summary>
    private void Attach(ConversationId id, string fragment)
    {
        PrintAnnounced();
        if (_lineOpen && _lineConversation is null)
        {
            Append(fragment);
            _lineConversation = id;
        }
        else
        {
            Continue(id, fragment);
        }
    }

    /// <summary>
    /// Like <see cref="Attach"/> for an outcome that no person's action explains (a timer fired): on the pass's own
    /// line it names the conversation first.
    /// </summary>
    private void AttachLabelled(ConversationId id, string fragment)
    {
        PrintAnnounced();
        if (_lineOpen && _lineConversation is null)
        {
            Append($"{Label(ledger[id])} {fragment}");
            _lineConversation = id;
        }
        else
        {
            Continue(id, fragment);
        }
    }

    private void PrintAnnounced()
    {
        if (_announced is { } announced)
        {
            _announced = null;
            Action(announced);
        }
    }

    private void StartLine(ConversationId id, string fragment)
    {
        EndLine();
        output.Write(Indent);
        output.Write(Label(ledger[id]));
        output.Write(' ');
        output.Write(fragment);
        _lineOpen = true;
        _lineConversation = id;
    }
}
