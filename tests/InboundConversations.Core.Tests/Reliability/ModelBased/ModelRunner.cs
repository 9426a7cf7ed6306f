using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>The engine diverged from the model, or broke an invariant, at one step.</summary>
public sealed class ModelDivergenceException(int step, Operation operation, string problem)
    : Exception($"step {step} ({operation}): {problem}")
{
    public int Step { get; } = step;
}

/// <summary>Runs a sequence against a fresh engine and the reference model, checking after every step.</summary>
public sealed class ModelRunner : IDisposable
{
    private const int FullCheckEvery = 50;

    /// <summary>How long a held run may take to reach the enricher, or to end once released, before the runner gives up (real time).</summary>
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old a reservation must be before the background pass may release it as left behind: twice the run lease
    /// (the workflow's default, one minute).
    /// </summary>
    private static readonly TimeSpan ReservationGrace = TimeSpan.FromMinutes(2);

    /// <summary>Who makes the manual changes.</summary>
    private static readonly Actor Person = Actor.Api("model");

    private readonly HoldingEnricher _holding = new();
    private readonly TestInbox _inbox;
    private readonly ReferenceModel _model = new();
    private readonly TimeEventLog _timeEvents = new();
    private int _step;
    private Operation _current = null!;

    private ModelRunner()
    {
        _inbox = new TestInbox(
            configure: o =>
            {
                o.AutoCloseAfter = ModelInbox.AutoCloseAfter;
                o.MaxSnooze = ModelInbox.MaxSnooze;
            },
            build: b => b.AddEventHandler(_timeEvents).AddInboundWorkflow(w => WithQueueTimeouts(w
                .Enrich(_holding)
                .RouteByRules(rules => rules
                    .When(Match.Channel.Is("email")).RouteTo(ModelInbox.Beta)
                    .When(Match.Channel.Is("webchat")).RouteTo(ModelInbox.Gamma)
                    .Otherwise(ModelInbox.Alpha))
                .AssignBy(AgentAssigners.LeastOpen()))));
    }

    /// <summary>How many invariant and state checks passed.</summary>
    public long Checks { get; private set; }

    /// <summary>Runs <paramref name="operations"/>; throws <see cref="ModelDivergenceException"/> at the first divergence.</summary>
    /// <returns>The checks that passed, and what the sequence exercised.</returns>
    public static async Task<(long Checks, IReadOnlyDictionary<string, int> Exercised)> RunAsync(IReadOnlyList<Operation> operations)
    {
        using var runner = new ModelRunner();
        await runner.RegisterAgentsAsync();
        foreach (var operation in operations)
        {
            runner._current = operation;
            runner._inbox.Clock.Advance(TimeSpan.FromSeconds(1));
            await runner.ApplyAsync(operation);
            await runner.CheckAsync(full: ++runner._step % FullCheckEvery == 0 || operation is Backstop, operation);
        }

        await runner.CheckAsync(full: true, null);
        return (runner.Checks, runner._model.Exercised);
    }

    public void Dispose() => _inbox.Dispose();

    private DateTimeOffset Now => _inbox.Clock.GetUtcNow();

    /// <summary>The queue timeouts of <see cref="ModelInbox"/>: the workflow-wide one, and each team's own.</summary>
    private static InboundWorkflowBuilder WithQueueTimeouts(InboundWorkflowBuilder workflow)
    {
        workflow.QueueTimeout(ModelInbox.EveryOtherTeam.After, ModelInbox.EveryOtherTeam.Fallback);
        foreach (var (team, rule) in ModelInbox.QueueTimeouts)
        {
            workflow.QueueTimeout(team, rule.After, rule.Fallback);
        }

        return workflow;
    }

    private IConversationEngine Engine => _inbox.Engine;

    private async Task RegisterAgentsAsync()
    {
        foreach (var (agent, teams, capacity) in ModelInbox.Agents)
        {
            await _inbox.Roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId(agent),
                Teams = teams.Select(t => new TeamId(t)).ToArray(),
                Capacity = capacity,
                InitialPresence = AgentPresence.Online,
            });
        }
    }

    private async Task ApplyAsync(Operation operation)
    {
        switch (operation)
        {
            case Inbound inbound:
                await ReceiveAsync(inbound.Contact, inbound.Channel, inbound.ExternalId);
                break;
            case Redelivery redelivery:
                await ReceiveAsync(redelivery.Contact, redelivery.Channel, redelivery.ExternalId);
                break;
            case Burst burst:
                await BurstAsync(burst);
                break;
            case Reply reply when _model.Open.TryGetValue(reply.Contact, out var id):
                await ReplyAsync(id, reply);
                break;
            case AgentReply reply when _model.Open.TryGetValue(reply.Contact, out var id):
                await Engine.SendAsync(new OutboundMessage { ConversationId = id, Author = Actor.Agent(new AgentId(reply.Agent)), Content = "agent reply" });
                _model.AgentReplied(reply.Contact, Now);
                break;
            case Snooze snooze when _model.Latest.TryGetValue(snooze.Contact, out var id):
                await SnoozeAsync(id, snooze.Seconds, ActorOf(snooze.By, snooze.Contact), duringRun: false);
                break;
            case Close close when _model.Open.TryGetValue(close.Contact, out var id):
                await Engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = Person });
                _model.Closed(close.Contact, Now, Person);
                break;
            case AgentCloses closes when _model.HeldBy(closes.Agent) is { } contact:
                var closedBy = Actor.Agent(new AgentId(closes.Agent));
                await Engine.CloseAsync(new CloseConversationRequest { ConversationId = _model.Open[contact], ClosedBy = closedBy });
                _model.Closed(contact, Now, closedBy);
                break;
            case Presence presence:
                await _inbox.Roster.SetPresenceAsync(new AgentId(presence.Agent), presence.To);
                _model.PresenceChanged(presence.Agent, presence.To, Now);
                break;
            case Capacity capacity:
                await _inbox.Roster.SetCapacityAsync(new AgentId(capacity.Agent), capacity.To);
                _model.CapacityChanged(capacity.Agent, capacity.To, Now);
                break;
            case Transfer transfer when _model.Open.TryGetValue(transfer.Contact, out var id):
                await Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = new TeamId(transfer.Team), TransferredBy = Actor.Api("model") });
                _model.Transferred(transfer.Contact, transfer.Team, Now);
                break;
            case ManualAssign assign when _model.Open.TryGetValue(assign.Contact, out var id):
                await AssignByHandAsync(id, assign.Agent, duringRun: false);
                break;
            case ManualUnassign unassign when _model.Open.TryGetValue(unassign.Contact, out var id):
                await UnassignByHandAsync(id, duringRun: false);
                break;
            case TakeOverDuringRun takeover when !_model.Open.ContainsKey(takeover.Contact) && !_model.Seen.ContainsKey((takeover.Channel, takeover.ExternalId)):
                await TakeOverAsync(takeover);
                break;
            case Backstop:
                await BackstopAsync();
                break;
            case Clock clock:
                _inbox.Clock.Advance(TimeSpan.FromSeconds(clock.Seconds));
                _model.Count("clock advanced");
                break;
        }
    }

    /// <summary>A manual assignment, done or refused exactly as the model predicts; a refused or redundant one changes nothing.</summary>
    /// <returns>True if the conversation is the agent's afterwards.</returns>
    private async Task<bool> AssignByHandAsync(ConversationId id, string agent, bool duringRun)
    {
        var (team, unchanged, refusal) = _model.ExpectAssign(id, agent);
        var before = await Engine.GetConversationAsync(id);
        var thrown = await ThrowsAsync(() => Engine.AssignAsync(new AssignConversationRequest { ConversationId = id, Agent = new AgentId(agent), AssignedBy = Person }).AsTask());
        Require(thrown?.GetType() == refusal, $"assigning to {agent} by hand threw {Name(thrown)}; the model expects {refusal?.Name ?? "no exception"}");
        if (refusal is not null || unchanged)
        {
            Require(await Engine.GetConversationAsync(id) == before, $"a {(unchanged ? "redundant" : "refused")} manual assignment changed the conversation");
            _model.Count(unchanged ? "manual assign to its assignee (nothing to do)" : $"manual assign refused{(duringRun ? " during a run" : "")}: {refusal!.Name}");
            return unchanged;
        }

        _model.AssignedByHand(id, agent, team!, Now);
        if (!duringRun)
        {
            _model.Count("manual assign");
        }

        return true;
    }

    /// <summary>A manual unassignment, done or refused exactly as the model predicts.</summary>
    private async Task UnassignByHandAsync(ConversationId id, bool duringRun)
    {
        var refusal = _model.ExpectUnassign(id);
        var before = await Engine.GetConversationAsync(id);
        var thrown = await ThrowsAsync(() => Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = id, UnassignedBy = Person }).AsTask());
        Require(thrown?.GetType() == refusal, $"unassigning by hand threw {Name(thrown)}; the model expects {refusal?.Name ?? "no exception"}");
        if (refusal is not null)
        {
            Require(await Engine.GetConversationAsync(id) == before, "a refused manual unassignment changed the conversation");
            _model.Count($"manual unassign refused{(duringRun ? " during a run" : "")}: {refusal.Name}");
            return;
        }

        _model.UnassignedByHand(id, Now);
        if (!duringRun)
        {
            _model.Count("manual unassign");
        }
    }

    /// <summary>
    /// A message opens a conversation whose run the enricher holds; a person changes it meanwhile; released, the run
    /// must end with what the person stored (or, if the person's change was refused, decide as usual).
    /// </summary>
    private async Task TakeOverAsync(TakeOverDuringRun takeover)
    {
        var hold = _holding.Arm(Contact(takeover.Contact));
        Task<ReceiveResult>? receiving = null;
        try
        {
            receiving = Engine.ReceiveAsync(Message(takeover.Contact, takeover.Channel, takeover.ExternalId)).AsTask();
            var first = await Task.WhenAny(hold.Entered, receiving).WaitAsync(HoldTimeout);
            Require(first == hold.Entered, "the run of the conversation the message opened never reached the enricher");
            var id = await hold.Entered;
            Require((await Engine.GetConversationAsync(id)).State == ConversationState.Triaging, "a conversation whose run is held in the enricher is not triaging");
            _model.OpenedForRun(takeover.Contact, id);

            var taken = true;
            switch (takeover.Change)
            {
                case RunTakeover.Assign:
                    taken = await AssignByHandAsync(id, takeover.Agent!, duringRun: true);
                    break;
                case RunTakeover.Transfer:
                    await Engine.TransferAsync(new TransferConversationRequest { ConversationId = id, ToTeam = new TeamId(takeover.Team!), TransferredBy = Person });
                    _model.Transferred(takeover.Contact, takeover.Team!, Now);
                    break;
                case RunTakeover.Unassign:
                    await UnassignByHandAsync(id, duringRun: true);
                    break;
                case RunTakeover.Snooze:
                    taken = await SnoozeAsync(id, seconds: 3_600, Person, duringRun: true);
                    break;
                default:
                    await Engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = Person });
                    _model.Closed(takeover.Contact, Now, Person);
                    break;
            }

            hold.Release();
            var result = await receiving.WaitAsync(HoldTimeout);
            Require(result.Outcome == ReceiveOutcome.Opened && result.ConversationId == id, $"the held message's outcome is {result.Outcome} in {result.ConversationId}; the model expects it to open {id}");
            _model.Recorded(takeover.Channel, takeover.ExternalId, id, result.MessageId);
            if (taken)
            {
                _model.Count("takeover during a run");
                _model.Count($"takeover during a run: {takeover.Change.ToString().ToLowerInvariant()}");
            }
            else
            {
                // The person's change was refused: the run goes on as if nobody had touched it.
                _model.RunDecides(id, takeover.Channel, Now);
            }

            await CheckRunAsync(id);
        }
        finally
        {
            hold.Release();
            _holding.Disarm();
            if (receiving is not null)
            {
                // On a divergence, let the held call end before the engine is disposed; its outcome is not the failure.
                await ThrowsAsync(() => receiving.WaitAsync(HoldTimeout));
            }
        }
    }

    /// <summary>The run ended as its conversation shows (a person's change stands), and let go of its claim.</summary>
    private async Task CheckRunAsync(ConversationId id)
    {
        var run = await Engine.FindWorkflowRunAsync(id);
        Require(run is not null, "the opened conversation has no workflow run");
        var stored = await Engine.GetConversationAsync(id);
        var model = _model.Conversations[id];
        var status = stored.State == ConversationState.Queued ? WorkflowRunStatus.Queued : WorkflowRunStatus.Completed;
        Require(run!.Status == status, $"the run is {run.Status} for a {stored.State} conversation; it must be {status}");
        Require(run.Team == stored.Team && run.Agent == stored.Assignee, $"the run ended with team {run.Team} and agent {run.Agent}; the conversation has {stored.Team} and {stored.Assignee}");
        Require(run.Team?.Value == model.Team && run.Agent?.Value == model.Assignee, $"the run ended with team {run.Team} and agent {run.Agent}; the model says {model.Team} and {model.Assignee}");
        Require(run.ClaimExpiresAt is null, "the ended run still holds its claim");
        Require(run.EndedAt is null == (status == WorkflowRunStatus.Queued), $"a {run.Status} run has EndedAt {run.EndedAt}");
    }

    /// <summary>
    /// A message through SendAsync by someone other than an agent: stored, and the auto-close left as it was; a
    /// contact as the author is refused with <see cref="InvalidActorException"/>, nothing stored.
    /// </summary>
    private async Task ReplyAsync(ConversationId id, Reply reply)
    {
        var before = await Engine.GetConversationAsync(id);
        var thrown = await ThrowsAsync(() => Engine.SendAsync(new OutboundMessage { ConversationId = id, Author = ActorOf(reply.By, reply.Contact), Content = "reply" }).AsTask());
        var refusal = reply.By == ActorKind.Contact ? typeof(InvalidActorException) : null;
        Require(thrown?.GetType() == refusal, $"a reply by {reply.By} threw {Name(thrown)}; the model expects {refusal?.Name ?? "no exception"}");
        if (refusal is not null)
        {
            Require(await Engine.GetConversationAsync(id) == before, "a refused reply changed the conversation");
            _model.Count("reply refused: a contact as the author");
            return;
        }

        _model.Replied(reply.Contact, reply.By);
    }

    /// <summary>A snooze until <paramref name="seconds"/> from now: done, or refused exactly as the model predicts, and then nothing changed.</summary>
    /// <returns>True if the conversation is snoozed afterwards.</returns>
    private async Task<bool> SnoozeAsync(ConversationId id, long seconds, Actor by, bool duringRun)
    {
        var until = Now + TimeSpan.FromSeconds(seconds);
        var (refusal, reason) = ReferenceModel.ExpectSnooze(_model.Conversations[id], by.Kind, until, Now);
        var before = await Engine.GetConversationAsync(id);
        var thrown = await ThrowsAsync(() => Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = id, Until = until, SnoozedBy = by }).AsTask());
        Require(thrown?.GetType() == refusal, $"a snooze {reason} threw {Name(thrown)}; the model expects {refusal?.Name ?? "no exception"}");
        if (refusal is not null)
        {
            var field = refusal == typeof(InvalidActorException) ? nameof(SnoozeConversationRequest.SnoozedBy) : nameof(SnoozeConversationRequest.Until);
            Require(thrown is not InvalidRequestException invalid || invalid.Field == field, $"a snooze {reason} was refused for the field {(thrown as InvalidRequestException)?.Field}; the model expects {field}");
            Require(await Engine.GetConversationAsync(id) == before, $"a refused snooze ({reason}) changed the conversation");
            _model.Count($"snooze refused{(duringRun ? " during a run" : "")}: {reason}");
            return false;
        }

        _model.Snoozed(id, by, until, Now);
        _model.Count($"snooze {reason}");
        return true;
    }

    /// <summary>An actor of <paramref name="kind"/> acting on the contact's conversation: an agent is its assignee (or, with none, "ana").</summary>
    private Actor ActorOf(ActorKind kind, int contact) => kind switch
    {
        ActorKind.Agent => Actor.Agent(new AgentId(_model.Latest.TryGetValue(contact, out var latest) ? _model.Conversations[latest].Assignee ?? "ana" : "ana")),
        ActorKind.Workflow => Actor.Workflow("model"),
        ActorKind.System => Actor.System("model"),
        ActorKind.Contact => Actor.Contact(Contact(contact)),
        _ => Person,
    };

    /// <summary>
    /// The background pass: it fires the due timers the model predicts, with the outcomes it predicts (skipped where
    /// the conversation moved on); with no faults, the engine's own follow-ups left it nothing else to do.
    /// </summary>
    private async Task BackstopAsync()
    {
        var everyReservationPastGrace = _model.EveryReservationPast(Now - ReservationGrace);
        var expected = _model.ProcessDue(Now);
        var result = await Engine.ProcessDueAsync();
        Require(result == expected, $"the background pass did {result}; the model expects {expected}");
        _model.Count("backstop pass");
        if (expected.TimersFired > 0)
        {
            _model.Count("backstop pass that fired timers");
        }

        if (everyReservationPastGrace)
        {
            _model.Count("backstop pass with every reservation past the grace");
        }
    }

    private static async Task<Exception?> ThrowsAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
#pragma warning disable CA1031 // Any exception is an outcome the caller compares with the model's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return exception;
        }
    }

    private static string Name(Exception? exception) => exception is null ? "no exception" : $"{exception.GetType().Name} ({exception.Message})";

    private async Task ReceiveAsync(int contact, string channel, string externalId)
    {
        var expected = _model.Expect(contact, channel, externalId);
        var result = await Engine.ReceiveAsync(Message(contact, channel, externalId));
        Require(result.Outcome == expected, $"the message's outcome is {result.Outcome}; the model expects {expected}");
        switch (expected)
        {
            case ReceiveOutcome.Duplicate:
                _model.Exercised["redelivery recognised"] = _model.Exercised.GetValueOrDefault("redelivery recognised") + 1;
                var original = _model.Seen[(channel, externalId)];
                Require(result.ConversationId == original.Conversation && result.MessageId == original.Message, "a redelivery names another message than the original");
                break;
            case ReceiveOutcome.Appended:
                Require(result.ConversationId == _model.Open[contact], "the message joined another conversation than the contact's open one");
                _model.Appended(contact, channel, externalId, result.MessageId, Now);
                break;
            default:
                _model.Opened(contact, channel, externalId, result.ConversationId, result.MessageId, Now);
                break;
        }
    }

    private async Task BurstAsync(Burst burst)
    {
        var fresh = burst.ExternalIds.Where(id => !_model.Seen.ContainsKey((burst.Channel, id))).ToArray();
        var hadOpen = _model.Open.ContainsKey(burst.Contact);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var senders = burst.ExternalIds
            .Select(id => Task.Run(async () => { await gate.Task; return (Id: id, Result: await Engine.ReceiveAsync(Message(burst.Contact, burst.Channel, id))); }))
            .ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(senders);

        var opened = results.Where(r => r.Result.OpenedConversation).ToArray();
        Require(opened.Length == (hadOpen || fresh.Length == 0 ? 0 : 1), $"a burst opened {opened.Length} conversations");
        Require(results.Where(r => !r.Result.IsDuplicate).Select(r => r.Result.ConversationId).Distinct().Count() <= 1, "a burst's messages landed in several conversations");
        foreach (var (id, result) in results.Where(r => !r.Result.IsDuplicate).OrderBy(r => !r.Result.OpenedConversation))
        {
            if (result.OpenedConversation)
            {
                _model.Opened(burst.Contact, burst.Channel, id, result.ConversationId, result.MessageId, Now);
            }
            else
            {
                Require(_model.Open.TryGetValue(burst.Contact, out var open) && open == result.ConversationId, "a burst message joined another conversation");
                _model.Appended(burst.Contact, burst.Channel, id, result.MessageId, Now);
            }
        }

        Require(results.Count(r => !r.Result.IsDuplicate) == fresh.Length, "a burst recorded another number of messages than it sent new ones");
    }

    private async Task CheckAsync(bool full, Operation? operation)
    {
        foreach (var (agentId, model) in _model.Agents)
        {
            var agent = await _inbox.Roster.GetAgentAsync(new AgentId(agentId));
            Require(agent.OpenConversations == model.Load, $"agent {agentId} holds {agent.OpenConversations}; the model says {model.Load}");
            Require(agent.Presence == model.Presence && agent.Capacity == model.Capacity, $"agent {agentId}'s presence or capacity differs");
        }

        foreach (var (team, queue) in _model.Queues)
        {
            var queued = await _inbox.Roster.GetTeamQueueAsync(new TeamId(team), maxCount: 10_000);
            Require(queued.Select(c => c.Id).SequenceEqual(queue), $"team {team}'s queue differs from the model's (engine {queued.Count}, model {queue.Count})");
            if (queued.Count > 0)
            {
                // Invariant 11: no queue waits while a member of its team could take it.
                var members = await _inbox.Roster.GetTeamMembersAsync(new TeamId(team));
                Require(!members.Any(m => m.IsAvailable), $"team {team}'s queue waits while {string.Join(", ", members.Where(m => m.IsAvailable).Select(m => m.Id))} could take it");
            }
        }

        // The time events (queue timed out, snoozed, woke) raised by this step, in order, are the model's.
        var raised = _timeEvents.Take();
        Require(raised.SequenceEqual(_model.TimeEvents), $"the step raised the time events [{string.Join("; ", raised)}]; the model expects [{string.Join("; ", _model.TimeEvents)}]");
        _model.TimeEvents.Clear();

        if (operation is Backstop)
        {
            // A pass leaves nothing due: each due timer fired, or was skipped because the conversation moved on.
            Require(!_model.Conversations.Values.Any(c => c.State != ConversationState.Closed && c.NextDueAt <= Now), "the model left a timer due after a pass");
        }

        var contacts = full ? _model.Conversations.Values.Select(c => c.Contact).Distinct() : Touched(operation);
        foreach (var contact in contacts)
        {
            await CheckContactAsync(contact);
        }
    }

    private async Task CheckContactAsync(int contact)
    {
        var history = await Engine.GetContactConversationsAsync(Contact(contact));
        Require(history.Count(c => c.IsOpen) <= 1, $"contact {contact} has {history.Count(c => c.IsOpen)} open conversations");
        var open = await Engine.FindOpenConversationAsync(Contact(contact));
        Require(open?.Id == (_model.Open.TryGetValue(contact, out var id) ? id : null), $"contact {contact}'s open conversation differs from the model's");
        foreach (var conversation in history)
        {
            var model = _model.Conversations[conversation.Id];
            Require(conversation.State == model.State, $"conversation of contact {contact} is {conversation.State}; the model says {model.State}");
            Require(conversation.Timers.SequenceEqual(model.Timers.Values), $"conversation of contact {contact} ({conversation.State}) has the timers {conversation.Timers}; the model says {Describe(model.Timers.Values)}");
            Require(conversation.QueuedAt == model.QueuedAt, $"conversation of contact {contact} ({conversation.State}) was queued at {conversation.QueuedAt:O}; the model says {model.QueuedAt:O}");
            Require(conversation.Closure == model.Closure, $"conversation of contact {contact} has the closure {conversation.Closure}; the model says {model.Closure}");
            if (conversation.IsOpen)
            {
                Require(conversation.Team?.Value == model.Team, $"conversation of contact {contact} is in team {conversation.Team}; the model says {model.Team}");
                Require(conversation.Assignee?.Value == model.Assignee, $"conversation of contact {contact} is with {conversation.Assignee}; the model says {model.Assignee}");
                if (conversation.Assignee is { } agent)
                {
                    Require(model.Team is not null && _model.Agents[agent.Value].Teams.Contains(model.Team), $"agent {agent} is not in the conversation's team {model.Team}");
                }
            }

            var messages = await Engine.GetMessagesAsync(conversation.Id);
            Require(messages.Count == model.Messages, $"a conversation of contact {contact} holds {messages.Count} messages; the model says {model.Messages}");
            Require(messages.Select(m => m.Sequence).SequenceEqual(Enumerable.Range(1, messages.Count).Select(i => (long)i)), "message sequences are not 1..n");
        }
    }

    private static IEnumerable<int> Touched(Operation? operation) => operation switch
    {
        Inbound o => [o.Contact],
        Redelivery o => [o.Contact],
        Burst o => [o.Contact],
        Reply o => [o.Contact],
        AgentReply o => [o.Contact],
        Snooze o => [o.Contact],
        Close o => [o.Contact],
        AgentCloses => [],
        Transfer o => [o.Contact],
        ManualAssign o => [o.Contact],
        ManualUnassign o => [o.Contact],
        TakeOverDuringRun o => [o.Contact],
        _ => [],
    };

    private static string Describe(IEnumerable<ConversationTimer> timers) =>
        timers.Any() ? string.Join(", ", timers.Select(t => $"{t.Kind} at {t.DueAt:O}")) : "none";

    private void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ModelDivergenceException(_step + 1, _current, problem);
        }

        Checks++;
    }

    private static ContactId Contact(int index) => new($"contact-{index}");

    private InboundMessage Message(int contact, string channel, string externalId) => new()
    {
        Contact = Contact(contact),
        Channel = new ChannelId(channel),
        ExternalId = externalId,
        Content = $"message {externalId}",
        SentAt = Now,
    };
}
