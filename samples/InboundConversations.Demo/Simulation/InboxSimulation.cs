using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Simulation;

/// <summary>
/// Plays the contacts' visits against the inbox: a contact writes (and maybe adds a detail), the assigned agent
/// replies, the contact maybe thanks, the agent closes; some contacts come back later and start a new cycle.
/// Providers now and then redeliver a webhook. Everything happens at moments on the <see cref="Agenda"/>.
/// </summary>
internal sealed class InboxSimulation
{
    private const double DetailChance = 0.25;
    private const double ThanksChance = 0.35;
    private const double RedeliveryChance = 0.06;

    private readonly IConversationEngine _engine;
    private readonly SimulatedClock _clock;
    private readonly Random _random;
    private readonly Agenda _agenda;
    private readonly AssignmentNotifications _notifications;
    private readonly AgentShifts _shifts;
    private readonly Timeline? _timeline;
    private readonly Palette _palette;
    private readonly ConversationLedger _ledger;
    private readonly Dictionary<ConversationId, Visit> _visits = [];
    private int _visitsLeft;
    private int _webhooks;

    public InboxSimulation(
        IConversationEngine engine, IAgentRoster roster, SimulatedClock clock, Random random,
        AssignmentNotifications notifications, ConversationLedger ledger, Timeline? timeline, Palette palette)
    {
        _ledger = ledger;
        _engine = engine;
        _clock = clock;
        _random = random;
        _agenda = new Agenda(clock);
        _notifications = notifications;
        _timeline = timeline;
        _palette = palette;
        _shifts = new AgentShifts(roster, _agenda, random, timeline, palette, () => _visitsLeft > 0);
    }

    public TrafficCounts Counts { get; } = new();

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

        while (_visitsLeft > 0)
        {
            if (!await _agenda.RunNextAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The agenda ran dry with {_visitsLeft} visits unfinished.");
            }

            PickUpAssignments();
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
        if (!visit.Closed)
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
        if (_random.Chance(ThanksChance))
        {
            _agenda.After(_random.Between(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(4)), () => ThanksAsync(visit));
        }
        else
        {
            _agenda.After(_random.Between(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(8)), () => CloseAsync(visit));
        }
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
