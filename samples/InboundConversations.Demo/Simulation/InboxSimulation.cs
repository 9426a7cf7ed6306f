using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Simulation;

/// <summary>
/// Plays the contacts' visits against the inbox: a contact writes (and maybe adds a detail), the assigned agent
/// replies, the contact maybe thanks, the agent closes. A contact who goes quiet after the reply leaves the agent
/// waiting until the background pass auto-closes the conversation; one who needs to check something says so, the
/// agent snoozes the conversation, and the contact's reply wakes it. Some contacts come back later and start a new
/// cycle. Providers now and then redeliver a webhook. Everything happens at moments on the <see cref="Agenda"/>,
/// the background passes too.
/// </summary>
internal sealed class InboxSimulation
{
    private const double DetailChance = 0.25;
    private const double ThanksChance = 0.35;
    private const double RedeliveryChance = 0.06;

    /// <summary>
    /// How long after the last contact's first message the stretch may go on: far more than any visit takes (a quiet
    /// one waits for the auto-close, a snoozed one for the contact), so a conversation that never ends (an auto-close
    /// that stopped firing, say) fails the run instead of keeping it going for ever.
    /// </summary>
    private static readonly TimeSpan Overtime = TimeSpan.FromDays(1);

    /// <summary>How long an agent snoozes a conversation whose contact went to check something (they come back well before).</summary>
    private static readonly TimeSpan SnoozeFor = TimeSpan.FromHours(2);

    private readonly IConversationEngine _engine;
    private readonly SimulatedClock _clock;
    private readonly Random _random;
    private readonly Agenda _agenda;
    private readonly AssignmentNotifications _notifications;
    private readonly ClosureNotifications _closures;
    private readonly AgentShifts _shifts;
    private readonly Timeline? _timeline;
    private readonly Palette _palette;
    private readonly ConversationLedger _ledger;
    private readonly Dictionary<ConversationId, Visit> _visits = [];
    private int _visitsLeft;
    private int _webhooks;

    public InboxSimulation(
        IConversationEngine engine, IAgentRoster roster, SimulatedClock clock, Random random,
        AssignmentNotifications notifications, ClosureNotifications closures, ConversationLedger ledger, Timeline? timeline, Palette palette)
    {
        _ledger = ledger;
        _engine = engine;
        _clock = clock;
        _random = random;
        _agenda = new Agenda(clock);
        _notifications = notifications;
        _closures = closures;
        _timeline = timeline;
        _palette = palette;
        _shifts = new AgentShifts(roster, _agenda, random, timeline, palette, () => _visitsLeft > 0);
        Passes = new BackgroundPasses(engine, _agenda, timeline, () => _visitsLeft > 0);
    }

    public TrafficCounts Counts { get; } = new();

    public BackgroundPasses Passes { get; }

    /// <summary>When the last conversation closed.</summary>
    public DateTimeOffset EndedAt { get; private set; }

    public async Task RunAsync(IReadOnlyList<PlannedContact> plan, IReadOnlyList<AgentProfile> agents)
    {
        await _shifts.RegisterAsync(agents).ConfigureAwait(false);
        foreach (var contact in plan)
        {
            _visitsLeft += contact.Visits.Count;
            _agenda.After(contact.FirstMessageAt, () => OpenAsync(new Visit(contact, 0)));
        }

        Passes.Start();

        var deadline = _clock.GetUtcNow() + plan.Max(static c => c.FirstMessageAt) + Overtime;
        while (_visitsLeft > 0)
        {
            if (!await _agenda.RunNextAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The agenda ran dry with {_visitsLeft} visits unfinished.");
            }

            if (_clock.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"The stretch did not end: {_visitsLeft} visits still unfinished at {_clock.GetUtcNow():O}.");
            }

            PickUpAssignments();
            await PickUpClosuresAsync().ConfigureAwait(false);
        }

        _timeline?.Action("the stretch ends: every conversation is closed");
        _timeline?.EndLine();
    }

    private async Task OpenAsync(Visit visit)
    {
        var exchange = visit.Exchange = Phrasebook.Exchange(_random, visit.Contact.Language, visit.Topic);
        var result = await WriteAsync(visit, exchange.Opening).ConfigureAwait(false);
        if (!result.OpenedConversation)
        {
            throw new InvalidOperationException($"{visit.Contact.Id}'s first message of a visit joined an open conversation.");
        }

        visit.Conversation = result.ConversationId;
        _visits[visit.Conversation] = visit;
        if (_random.Chance(DetailChance))
        {
            _agenda.After(_random.Between(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(150)), () => AddDetailAsync(visit));
        }
    }

    private async Task AddDetailAsync(Visit visit)
    {
        // A detail not sent by the time the agent answers is dropped: the contact has their answer (and one who goes
        // quiet writes nothing more, which would cancel the auto-close).
        if (!visit.Closed && !visit.Replied)
        {
            await WriteAsync(visit, visit.Exchange!.Detail).ConfigureAwait(false);
        }
    }

    private async Task ThanksAsync(Visit visit)
    {
        await WriteAsync(visit, Phrasebook.Thank(_random, visit.Contact.Language)).ConfigureAwait(false);
        _agenda.After(_random.Between(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), () => CloseAsync(visit));
    }

    /// <summary>Delivers a contact's message as the channel's webhook would; the very first one, and a few more, get redelivered.</summary>
    private async Task<ReceiveResult> WriteAsync(Visit visit, string text)
    {
        var message = new InboundMessage
        {
            Contact = new ContactId(visit.Contact.Id),
            Channel = new ChannelId(visit.Channel),
            ExternalId = $"{visit.Channel}-{++_webhooks:00000}",
            Content = text,
            SentAt = _clock.GetUtcNow(),
        };
        _timeline?.Action($"{_palette.Contact(visit.Contact.Id)} writes on {visit.Channel}: {_palette.Quote($"\"{text}\"")}");
        var result = await _engine.ReceiveAsync(message).ConfigureAwait(false);
        Counts.Inbound++;
        if (visit.Conversation != default && result.ConversationId != visit.Conversation)
        {
            throw new InvalidOperationException($"{visit.Contact.Id}'s message landed outside the open conversation.");
        }

        if (_random.Chance(RedeliveryChance) || Counts.Inbound == 1)
        {
            _agenda.After(_random.Between(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40)), () => RedeliverAsync(message));
        }

        return result;
    }

    private async Task RedeliverAsync(InboundMessage message)
    {
        _timeline?.Action(_palette.Warning($"{message.Channel} redelivers webhook {message.ExternalId}"));
        var result = await _engine.ReceiveAsync(message).ConfigureAwait(false);
        Counts.Redeliveries++;
        if (result.IsDuplicate)
        {
            Counts.RecognisedRedeliveries++;
        }

        _timeline?.Append(result.IsDuplicate
            ? $"recognised: already in {Label(result.ConversationId)}, nothing applied"
            : _palette.Warning("applied again"));
    }

    private void PickUpAssignments()
    {
        while (_notifications.TryTake(out var assigned))
        {
            var visit = _visits[assigned.ConversationId];
            visit.Agent = assigned.Assignee.Value;
            _agenda.After(_random.Between(TimeSpan.FromSeconds(40), TimeSpan.FromMinutes(5)), () => ReplyAsync(visit));
        }
    }

    private async Task ReplyAsync(Visit visit)
    {
        var text = visit.Exchange!.Reply;
        _timeline?.Action($"{_palette.Agent(visit.Agent!)} replies in {Label(visit.Conversation)}: {_palette.Quote($"\"{text}\"")}");
        await _engine.SendAsync(new OutboundMessage
        {
            ConversationId = visit.Conversation,
            Author = Actor.Agent(new AgentId(visit.Agent!)),
            Content = text,
        }).ConfigureAwait(false);
        Counts.Replies++;
        visit.Replied = true;
        switch (visit.AfterReply)
        {
            case AfterReply.GoesQuiet:
                return; // the contact never answers; the agent waits for them, and the auto-close ends it
            case AfterReply.ChecksBack:
                _agenda.After(_random.Between(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3)), () => GoToCheckAsync(visit));
                return;
        }

        if (_random.Chance(ThanksChance))
        {
            _agenda.After(_random.Between(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(4)), () => ThanksAsync(visit));
        }
        else
        {
            _agenda.After(_random.Between(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(8)), () => CloseAsync(visit));
        }
    }

    private async Task GoToCheckAsync(Visit visit)
    {
        await WriteAsync(visit, Phrasebook.CheckBack(_random, visit.Contact.Language)).ConfigureAwait(false);
        _agenda.After(_random.Between(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(90)), () => SnoozeAsync(visit));
    }

    private async Task SnoozeAsync(Visit visit)
    {
        var until = _clock.GetUtcNow() + SnoozeFor;
        _timeline?.Action($"{_palette.Agent(visit.Agent!)} snoozes {Label(visit.Conversation)} until {until:HH:mm:ss}");
        await _engine.SnoozeAsync(new SnoozeConversationRequest
        {
            ConversationId = visit.Conversation,
            Until = until,
            SnoozedBy = Actor.Agent(new AgentId(visit.Agent!)),
        }).ConfigureAwait(false);
        _agenda.After(_random.Between(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)), () => ComeBackAsync(visit));
    }

    /// <summary>The contact has checked and writes again, which wakes the snoozed conversation.</summary>
    private async Task ComeBackAsync(Visit visit)
    {
        await WriteAsync(visit, Phrasebook.ComeBack(_random, visit.Contact.Language)).ConfigureAwait(false);
        _agenda.After(_random.Between(TimeSpan.FromSeconds(40), TimeSpan.FromMinutes(4)), () => FollowUpAsync(visit));
    }

    private async Task FollowUpAsync(Visit visit)
    {
        var text = Phrasebook.FollowUp(_random, visit.Contact.Language);
        _timeline?.Action($"{_palette.Agent(visit.Agent!)} replies in {Label(visit.Conversation)}: {_palette.Quote($"\"{text}\"")}");
        await _engine.SendAsync(new OutboundMessage
        {
            ConversationId = visit.Conversation,
            Author = Actor.Agent(new AgentId(visit.Agent!)),
            Content = text,
        }).ConfigureAwait(false);
        Counts.Replies++;
        _agenda.After(_random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4)), () => CloseAsync(visit));
    }

    private async Task CloseAsync(Visit visit)
    {
        _timeline?.Action($"{_palette.Agent(visit.Agent!)} closes {Label(visit.Conversation)} ({visit.Exchange!.Category})");
        await _engine.CloseAsync(new CloseConversationRequest
        {
            ConversationId = visit.Conversation,
            ClosedBy = Actor.Agent(new AgentId(visit.Agent!)),
            Category = visit.Exchange!.Category,
        }).ConfigureAwait(false);
        await EndAsync(visit).ConfigureAwait(false);
    }

    /// <summary>The inbox closed conversations by itself (the auto-close): each visit ends as if its agent had closed it.</summary>
    private async Task PickUpClosuresAsync()
    {
        while (_closures.TryTake(out var closed))
        {
            await EndAsync(_visits[closed.ConversationId]).ConfigureAwait(false);
        }
    }

    private async Task EndAsync(Visit visit)
    {
        visit.Closed = true;
        if (--_visitsLeft == 0)
        {
            EndedAt = _clock.GetUtcNow();
        }

        await _shifts.AfterCloseAsync(visit.Agent!).ConfigureAwait(false);
        if (visit.HasNext)
        {
            _agenda.After(_random.Between(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(90)), () => OpenAsync(new Visit(visit.Contact, visit.Index + 1)));
        }
    }

    private string Label(ConversationId id) => _palette.Conversation(_ledger[id].Label);
}
