namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// A small, obviously-correct model of what the engine must do: one open conversation per contact, idempotent
/// intake, routing by channel, least-open assignment of online agents below capacity (ties: idle longest, then id),
/// queues in arrival order; a freed seat drains every team of its agent, oldest waiting conversation first across them.
/// A person may assign, unassign, transfer or close a conversation, also while its run works (the person's change
/// stands and the run ends with it); an unassigned conversation waits in no queue until someone picks it up. It learns
/// the ids the engine makes; everything else it predicts.
/// </summary>
/// <remarks>
/// Time: each conversation's armed timers, exactly (kind, due time, arming time). Entering a team's queue arms that
/// team's queue timeout, leaving Queued cancels it; an agent's message (nobody else's) arms the auto-close unless the
/// conversation is snoozed; a contact's message cancels it and wakes a snoozed conversation; a snooze arms its end and
/// cancels the auto-close; waking cancels the snooze's end; a closed conversation has no timers. A background pass
/// fires the due timers, earliest first, each only if the conversation still holds it as armed (and, for a queue
/// timeout, is still queued; for a snooze's end, still snoozed), through the same changes a person makes; a snoozed
/// conversation keeps its agent's seat.
/// </remarks>
public sealed class ReferenceModel
{
    public sealed class Conv(ConversationId id, int contact)
    {
        public ConversationId Id { get; } = id;

        public int Contact { get; } = contact;

        /// <summary>Its team; none while it triages, or if a person unassigned or closed it before it was routed.</summary>
        public string? Team { get; set; }

        public ConversationState State { get; set; }

        public string? Assignee { get; set; }

        public int Messages { get; set; }

        /// <summary>When it entered its team's queue, while queued: the order of a drain across teams.</summary>
        public DateTimeOffset? QueuedAt { get; set; }

        /// <summary>Its armed timers, by kind (the engine's snapshot orders them by kind too).</summary>
        public SortedDictionary<ConversationTimerKind, ConversationTimer> Timers { get; } = [];

        /// <summary>Who closed it, when and with which category; none while open.</summary>
        public ConversationClosure? Closure { get; set; }

        /// <summary>The earliest due time of its timers, if any.</summary>
        public DateTimeOffset? NextDueAt => Timers.Count == 0 ? null : Timers.Values.Min(t => t.DueAt);
    }

    public sealed class AgentModel(string id, string[] teams, int capacity)
    {
        public string Id { get; } = id;

        public string[] Teams { get; } = teams;

        public AgentPresence Presence { get; set; } = AgentPresence.Online;

        public int Capacity { get; set; } = capacity;

        public int Load { get; set; }

        public DateTimeOffset? LastAssigned { get; set; }

        public bool IsAvailable => Presence == AgentPresence.Online && Load < Capacity;
    }

    /// <summary>What the sequence exercised, by kind: for the test's report and to show the generator reaches the hard cases.</summary>
    public SortedDictionary<string, int> Exercised { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, ConversationId> Open { get; } = [];

    /// <summary>Each contact's latest conversation, open or closed.</summary>
    public Dictionary<int, ConversationId> Latest { get; } = [];

    public Dictionary<ConversationId, Conv> Conversations { get; } = [];

    public Dictionary<(string Channel, string ExternalId), (ConversationId Conversation, MessageId Message)> Seen { get; } = [];

    public Dictionary<string, AgentModel> Agents { get; } = ModelInbox.Agents.ToDictionary(a => a.Agent, a => new AgentModel(a.Agent, a.Teams, a.Capacity));

    public Dictionary<string, List<ConversationId>> Queues { get; } = ModelInbox.Teams.ToDictionary(t => t, _ => new List<ConversationId>());

    /// <summary>
    /// The time events (queue timed out, snoozed, woke) the engine must have raised since the runner last took them,
    /// in order, each described as <see cref="Describe(ConversationEvent)"/> describes the engine's.
    /// </summary>
    public List<string> TimeEvents { get; } = [];

    /// <summary>What a new message must do: a duplicate of the recorded one, a join of the open one, or an opening.</summary>
    public ReceiveOutcome Expect(int contact, string channel, string externalId) =>
        Seen.ContainsKey((channel, externalId)) ? ReceiveOutcome.Duplicate
        : Open.ContainsKey(contact) ? ReceiveOutcome.Appended
        : ReceiveOutcome.Opened;

    /// <summary>A contact's message joined their open conversation: it cancels the auto-close and wakes a snoozed conversation.</summary>
    public void Appended(int contact, string channel, string externalId, MessageId message, DateTimeOffset now)
    {
        var conversation = Conversations[Open[contact]];
        conversation.Messages++;
        Seen[(channel, externalId)] = (conversation.Id, message);
        if (conversation.Timers.Remove(ConversationTimerKind.AutoClose))
        {
            Count("contact message cancelled the auto-close");
        }

        if (conversation.State == ConversationState.Snoozed)
        {
            Wake(conversation, WakeReason.ContactMessage, now);
        }
    }

    public void Opened(int contact, string channel, string externalId, ConversationId id, MessageId message, DateTimeOffset now)
    {
        OpenedForRun(contact, id);
        Recorded(channel, externalId, id, message);
        RunDecides(id, channel, now);
    }

    /// <summary>A message opened a conversation; its run has not decided yet (it triages, in no team).</summary>
    public void OpenedForRun(int contact, ConversationId id)
    {
        Conversations[id] = new Conv(id, contact) { Messages = 1, State = ConversationState.Triaging };
        Open[contact] = id;
        Latest[contact] = id;
    }

    /// <summary>The opening message, as recorded: a redelivery of it names it.</summary>
    public void Recorded(string channel, string externalId, ConversationId id, MessageId message) => Seen[(channel, externalId)] = (id, message);

    /// <summary>The run of a triaging conversation routes it by channel, then assigns or queues it.</summary>
    public void RunDecides(ConversationId id, string channel, DateTimeOffset now)
    {
        var conversation = Conversations[id];
        conversation.Team = ModelInbox.TeamFor(channel);
        AssignOrQueue(conversation, conversation.Team, now);
    }

    /// <summary>
    /// What a manual assignment of <paramref name="id"/> to <paramref name="agent"/> must do: the team it is taken in
    /// (the conversation's; the agent's first if it has none), whether it changes nothing (already theirs), or the
    /// exception that refuses it (the agent is not in its team; the agent is offline, or full without holding it).
    /// </summary>
    public (string? Team, bool Unchanged, Type? Refusal) ExpectAssign(ConversationId id, string agent)
    {
        var conversation = Conversations[id];
        var model = Agents[agent];
        if (conversation.Team is { } team && !model.Teams.Contains(team))
        {
            return (null, false, typeof(AgentNotInTeamException));
        }

        var takenIn = conversation.Team ?? model.Teams[0];
        if (conversation.State == ConversationState.Assigned && conversation.Assignee == agent)
        {
            return (takenIn, true, null);
        }

        // An away agent may be assigned by hand; an offline or full one may not, unless the seat is already theirs (a
        // snoozed conversation of theirs keeps it).
        return model.Presence == AgentPresence.Offline || (model.Load >= model.Capacity && conversation.Assignee != agent)
            ? (takenIn, false, typeof(AgentUnavailableException))
            : (takenIn, false, null);
    }

    /// <summary>A person assigned the conversation to <paramref name="agent"/> in <paramref name="team"/>: out of its queue, the previous assignee's seat freed.</summary>
    public void AssignedByHand(ConversationId id, string agent, string team, DateTimeOffset now)
    {
        var conversation = Conversations[id];
        var (fromState, fromTeam) = (conversation.State, conversation.Team);
        var previous = conversation.Assignee;
        Count(conversation.State switch
        {
            ConversationState.Queued => "manual assign of a queued conversation",
            ConversationState.Assigned => "manual assign away from another agent",
            ConversationState.Unassigned => "manual assign of an unassigned conversation",
            ConversationState.Snoozed => previous == agent ? "manual assign of a snoozed conversation to its agent" : "manual assign of a snoozed conversation",
            _ => "manual assign of a triaging conversation",
        });
        if (conversation.State == ConversationState.Queued)
        {
            Queues[conversation.Team!].Remove(id);
        }

        Reserve(Agents[agent], now);
        conversation.State = ConversationState.Assigned;
        conversation.Team = team;
        conversation.Assignee = agent;
        conversation.QueuedAt = null;
        Settle(conversation, fromState, fromTeam, now);
        if (previous is not null)
        {
            // Their reservation was renewed, not taken twice; only another agent's seat frees.
            Agents[previous].Load--;
            if (previous != agent)
            {
                DrainTeamsOf(previous, now);
            }
        }
    }

    /// <summary>What a manual unassignment must do: an unassigned conversation cannot be unassigned again.</summary>
    public Type? ExpectUnassign(ConversationId id) =>
        Conversations[id].State == ConversationState.Unassigned ? typeof(InvalidConversationTransitionException) : null;

    /// <summary>A person unassigned the conversation: out of its queue, in its team, with nobody; the previous assignee's seat freed.</summary>
    public void UnassignedByHand(ConversationId id, DateTimeOffset now)
    {
        var conversation = Conversations[id];
        Count(conversation.State switch
        {
            ConversationState.Queued => "manual unassign of a queued conversation",
            ConversationState.Assigned => "manual unassign of an assigned conversation",
            ConversationState.Snoozed => "manual unassign of a snoozed conversation",
            _ => "manual unassign of a triaging conversation",
        });
        Unassign(conversation, now);
    }

    /// <summary>
    /// What a snooze of <paramref name="conversation"/> until <paramref name="until"/> by <paramref name="by"/> must do,
    /// checked in the engine's order: the actor, then the end (in the future, at most <see cref="ModelInbox.MaxSnooze"/>
    /// ahead), then the conversation (open, and assigned or unassigned).
    /// </summary>
    /// <returns>The exception that refuses it (<see langword="null"/> if it is snoozed), and the case, for the report.</returns>
    public static (Type? Refusal, string Case) ExpectSnooze(Conv conversation, ActorKind by, DateTimeOffset until, DateTimeOffset now) =>
        by == ActorKind.Contact ? (typeof(InvalidActorException), "by a contact")
        : until <= now ? (typeof(InvalidRequestException), "until a time not in the future")
        : until - now > ModelInbox.MaxSnooze ? (typeof(InvalidRequestException), "until beyond the longest snooze")
        : conversation.State == ConversationState.Closed ? (typeof(ConversationClosedException), "of a closed conversation")
        : conversation.State is not (ConversationState.Assigned or ConversationState.Unassigned)
            ? (typeof(InvalidConversationTransitionException), $"of a {conversation.State.ToString().ToLowerInvariant()} conversation")
        : (null, until - now == ModelInbox.MaxSnooze ? "for exactly the longest snooze" : "in range");

    /// <summary>The conversation is snoozed until <paramref name="until"/>: it keeps its team and agent (and the agent's seat), its auto-close is cancelled.</summary>
    public void Snoozed(ConversationId id, Actor by, DateTimeOffset until, DateTimeOffset now)
    {
        var conversation = Conversations[id];
        var fromState = conversation.State;
        Count($"snoozed while {fromState.ToString().ToLowerInvariant()}");
        if (conversation.Timers.ContainsKey(ConversationTimerKind.AutoClose))
        {
            Count("snooze cancelled the auto-close");
        }

        conversation.State = ConversationState.Snoozed;
        conversation.Timers[ConversationTimerKind.SnoozeEnd] = new ConversationTimer(ConversationTimerKind.SnoozeEnd, until, now);
        Settle(conversation, fromState, conversation.Team, now);
        TimeEvents.Add($"snoozed: {id} by {by} until {until:O}");
    }

    /// <summary>
    /// Whether every reservation held now was taken before <paramref name="cutoff"/> (no agent's is newer than their last
    /// assignment): the background pass looks only at reservations older than its grace period.
    /// </summary>
    public bool EveryReservationPast(DateTimeOffset cutoff) =>
        Agents.Values.All(a => a.Load == 0 || a.LastAssigned < cutoff);

    /// <summary>The contact whose conversation <paramref name="agent"/> closes next: the lowest-numbered contact they hold.</summary>
    public int? HeldBy(string agent) => Conversations.Values
        .Where(c => c.State == ConversationState.Assigned && c.Assignee == agent)
        .Select(c => (int?)c.Contact)
        .Min();

    /// <summary>Someone other than an agent wrote through the API: the auto-close stays as it was.</summary>
    public void Replied(int contact, ActorKind by)
    {
        var conversation = Conversations[Open[contact]];
        conversation.Messages++;
        if (conversation.Timers.ContainsKey(ConversationTimerKind.AutoClose))
        {
            Count($"{by.ToString().ToLowerInvariant()} reply left the auto-close as armed");
        }
    }

    /// <summary>An agent wrote: the auto-close (re-)armed at now + <see cref="ModelInbox.AutoCloseAfter"/>, unless the conversation is snoozed or queued.</summary>
    public void AgentReplied(int contact, DateTimeOffset now)
    {
        var conversation = Conversations[Open[contact]];
        conversation.Messages++;
        if (conversation.State == ConversationState.Snoozed)
        {
            Count("agent reply while snoozed armed nothing");
            return;
        }

        if (conversation.State == ConversationState.Queued)
        {
            Count("agent reply while queued armed nothing");
            return;
        }

        Count(conversation.Timers.ContainsKey(ConversationTimerKind.AutoClose) ? "agent reply re-armed the auto-close" : "agent reply armed the auto-close");
        conversation.Timers[ConversationTimerKind.AutoClose] = new ConversationTimer(ConversationTimerKind.AutoClose, now + ModelInbox.AutoCloseAfter, now);
    }

    public void Closed(int contact, DateTimeOffset now, Actor by) => Close(Conversations[Open[contact]], new ConversationClosure(by, now, null, null), now);

    public void PresenceChanged(string agent, AgentPresence presence, DateTimeOffset now)
    {
        Agents[agent].Presence = presence;
        DrainTeamsOf(agent, now);
    }

    public void CapacityChanged(string agent, int capacity, DateTimeOffset now)
    {
        Agents[agent].Capacity = capacity;
        DrainTeamsOf(agent, now);
    }

    public void Transferred(int contact, string team, DateTimeOffset now) => Transfer(Conversations[Open[contact]], team, now);

    /// <summary>
    /// The background pass: the open conversations with a timer due, earliest due first (ties by id), each claimed as
    /// it is at the start; each of its due timers (earliest first, then by kind) fires only if the conversation still
    /// holds it as claimed, otherwise it is skipped. Nothing else is left for the pass to do.
    /// </summary>
    public ProcessDueResult ProcessDue(DateTimeOffset now)
    {
        var claimed = Conversations.Values
            .Where(c => c.State != ConversationState.Closed && c.NextDueAt <= now)
            .OrderBy(c => c.NextDueAt)
            .ThenBy(c => c.Id.Value)
            .Select(c => (Conversation: c, State: c.State, Team: c.Team, QueuedAt: c.QueuedAt, Due: c.Timers.Values.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Kind).ToArray()))
            .ToArray();
        int queueTimeouts = 0, autoClosed = 0, woke = 0, skipped = 0;
        foreach (var (conversation, state, team, queuedAt, due) in claimed)
        {
            foreach (var timer in due)
            {
                var holds = conversation.Timers.TryGetValue(timer.Kind, out var current) && current == timer;
                bool fired;
                switch (timer.Kind)
                {
                    case ConversationTimerKind.QueueTimeout:
                        fired = QueueTimeout(conversation, state, team!, queuedAt ?? timer.ArmedAt, holds && conversation.State == ConversationState.Queued, now);
                        queueTimeouts += fired ? 1 : 0;
                        break;
                    case ConversationTimerKind.AutoClose:
                        fired = holds;
                        if (fired)
                        {
                            Count($"auto-closed while {conversation.State.ToString().ToLowerInvariant()}");
                            autoClosed++;
                            Close(conversation, new ConversationClosure(Actor.System("auto-close"), now, ModelInbox.AutoCloseCategory, null), now);
                        }

                        break;
                    default:
                        fired = holds && conversation.State == ConversationState.Snoozed;
                        if (fired)
                        {
                            woke++;
                            Wake(conversation, WakeReason.SnoozeEnded, now);
                        }

                        break;
                }

                if (!fired)
                {
                    skipped++;
                    Count($"timer skipped: {timer.Kind}");
                }
            }
        }

        return new ProcessDueResult { QueueTimeoutsFired = queueTimeouts, ConversationsAutoClosed = autoClosed, SnoozesEnded = woke, TimersSkipped = skipped };
    }

    public void Count(string kind) => Exercised[kind] = Exercised.GetValueOrDefault(kind) + 1;

    /// <summary>How the model describes a time event of the engine; other events are not compared (<see langword="null"/>).</summary>
    public static string? Describe(ConversationEvent conversationEvent) => conversationEvent switch
    {
        ConversationQueueTimedOut e => QueueTimedOut(e.ConversationId, e.Team.Value, e.QueuedAt, e.Action, e.Conversation.State),
        ConversationSnoozed e => $"snoozed: {e.ConversationId} by {e.SnoozedBy} until {e.Until:O}",
        ConversationWoke e => Woke(e.ConversationId, e.Reason, e.Conversation.State),
        _ => null,
    };

    private static string QueueTimedOut(ConversationId id, string team, DateTimeOffset queuedAt, QueueTimeoutAction action, ConversationState after) =>
        $"queue timed out: {id} in {team} queued at {queuedAt:O}, {action}, now {after}";

    private static string Woke(ConversationId id, WakeReason reason, ConversationState after) => $"woke: {id} on {reason}, now {after}";

    /// <summary>
    /// A claimed queue timeout: the transfer's assigner picks first (an agent it picks is reserved, then given back if
    /// the timeout does not apply, which still counts as their latest assignment); if the conversation is still queued
    /// with the timer as claimed, the team's fallback runs.
    /// </summary>
    /// <returns>Whether it fired.</returns>
    private bool QueueTimeout(Conv conversation, ConversationState claimedState, string team, DateTimeOffset queuedAt, bool holds, DateTimeOffset now)
    {
        if (claimedState != ConversationState.Queued || ModelInbox.QueueTimeoutFor(team) is not { } rule)
        {
            throw new InvalidOperationException($"the model armed a queue timeout on a {claimedState} conversation in {team}, which has none");
        }

        if (!holds)
        {
            if (rule.Action == QueueTimeoutAction.Transfer && Pick(rule.Team!) is { } picked)
            {
                picked.LastAssigned = now;
                Count("queue timeout skipped after its transfer picked an agent");
            }

            return false;
        }

        Count($"queue timeout: {rule.Action.ToString().ToLowerInvariant()}");
        switch (rule.Action)
        {
            case QueueTimeoutAction.Transfer:
                Transfer(conversation, rule.Team!, now, announce: true, fromTeam: team, queuedAt: queuedAt);
                return true;
            case QueueTimeoutAction.Unassign:
                Unassign(conversation, now);
                break;
            case QueueTimeoutAction.Close:
                Close(conversation, new ConversationClosure(Actor.System("queue-timeout"), now, rule.Category ?? ModelInbox.DefaultQueueTimeoutCategory, null), now);
                break;
            default:
                conversation.Timers.Remove(ConversationTimerKind.QueueTimeout);
                break;
        }

        TimeEvents.Add(QueueTimedOut(conversation.Id, team, queuedAt, rule.Action, conversation.State));
        return true;
    }

    /// <summary>Wakes a snoozed conversation: back to Assigned if it has an agent, otherwise Unassigned; its snooze's end cancelled.</summary>
    private void Wake(Conv conversation, WakeReason reason, DateTimeOffset now)
    {
        conversation.State = conversation.Assignee is null ? ConversationState.Unassigned : ConversationState.Assigned;
        Settle(conversation, ConversationState.Snoozed, conversation.Team, now);
        Count($"woke on {reason} to {conversation.State.ToString().ToLowerInvariant()}");
        TimeEvents.Add(Woke(conversation.Id, reason, conversation.State));
    }

    /// <summary>Closes the conversation: out of its queue, its timers gone; the assignee's seat freed (only an assigned or snoozed conversation holds one).</summary>
    private void Close(Conv conversation, ConversationClosure closure, DateTimeOffset now)
    {
        Open.Remove(conversation.Contact);
        var wasAssigned = conversation.Assignee;
        if (conversation.State == ConversationState.Queued)
        {
            Queues[conversation.Team!].Remove(conversation.Id);
        }

        Count($"closed while {conversation.State.ToString().ToLowerInvariant()}");
        conversation.State = ConversationState.Closed;
        conversation.QueuedAt = null;
        conversation.Closure = closure;
        conversation.Timers.Clear();
        if (wasAssigned is not null)
        {
            Agents[wasAssigned].Load--;
            DrainTeamsOf(wasAssigned, now);
        }
    }

    /// <summary>Unassigns the conversation: out of its queue, in its team, with nobody; the previous assignee's seat freed.</summary>
    private void Unassign(Conv conversation, DateTimeOffset now)
    {
        var (fromState, fromTeam) = (conversation.State, conversation.Team);
        var previous = conversation.Assignee;
        if (conversation.State == ConversationState.Queued)
        {
            Queues[conversation.Team!].Remove(conversation.Id);
        }

        conversation.State = ConversationState.Unassigned;
        conversation.Assignee = null;
        conversation.QueuedAt = null;
        Settle(conversation, fromState, fromTeam, now);
        if (previous is not null)
        {
            Agents[previous].Load--;
            DrainTeamsOf(previous, now);
        }
    }

    /// <summary>
    /// Transfers the conversation to <paramref name="team"/>: its assigner picks (the agent who holds it has room for it),
    /// otherwise it queues there (keeping its place if it already waits there). A queue timeout's transfer also raises
    /// its event, once the conversation is assigned or queued in the new team, before that team's queue drains.
    /// </summary>
    private void Transfer(Conv conversation, string team, DateTimeOffset now, bool announce = false, string? fromTeam = null, DateTimeOffset queuedAt = default)
    {
        var (fromState, previousTeam) = (conversation.State, conversation.Team);
        var previous = conversation.Assignee;
        if (conversation.State == ConversationState.Unassigned)
        {
            Count("transfer of an unassigned conversation");
        }
        else if (conversation.State == ConversationState.Snoozed)
        {
            Count("transfer of a snoozed conversation");
        }

        var picked = Pick(team, holder: previous);
        Reserve(picked, now);
        if (conversation.State == ConversationState.Queued && (picked is not null || previousTeam != team))
        {
            Queues[previousTeam!].Remove(conversation.Id);
        }

        if (previous is not null)
        {
            Agents[previous].Load--;
            Count(picked?.Id == previous ? "transfer kept its agent" : "transfer released an agent");
        }

        if (!announce)
        {
            Count(picked is null ? "transfer queued" : "transfer assigned");
        }

        conversation.Team = team;
        if (picked is not null)
        {
            conversation.State = ConversationState.Assigned;
            conversation.Assignee = picked.Id;
            conversation.QueuedAt = null;
        }
        else
        {
            // Re-queued on the team it already waits in, it keeps its place and its time.
            if (!(conversation.State == ConversationState.Queued && previousTeam == team))
            {
                Queues[team].Add(conversation.Id);
                conversation.QueuedAt = now;
            }

            conversation.State = ConversationState.Queued;
            conversation.Assignee = null;
        }

        Settle(conversation, fromState, previousTeam, now);
        if (previous is not null && previous != conversation.Assignee)
        {
            DrainTeamsOf(previous, now);
        }

        if (conversation.State == ConversationState.Queued)
        {
            Drain(team, now);
        }

        if (announce)
        {
            Count(picked is null ? "queue timeout transferred and queued" : "queue timeout transferred and assigned");
            TimeEvents.Add(QueueTimedOut(conversation.Id, fromTeam!, queuedAt, QueueTimeoutAction.Transfer, picked is null ? ConversationState.Queued : ConversationState.Assigned));
        }
    }

    private void AssignOrQueue(Conv conversation, string team, DateTimeOffset now)
    {
        var picked = Pick(team);
        Count(picked is null ? "opened and queued" : "opened and assigned");
        if (picked is null)
        {
            conversation.State = ConversationState.Queued;
            conversation.QueuedAt = now;
            Queues[team].Add(conversation.Id);
        }
        else
        {
            Reserve(picked, now);
            conversation.State = ConversationState.Assigned;
            conversation.Assignee = picked.Id;
        }

        Settle(conversation, ConversationState.Triaging, null, now);
    }

    /// <summary>A seat of <paramref name="agent"/> freed or grew: every team they serve drains, oldest waiting first across them.</summary>
    private void DrainTeamsOf(string agent, DateTimeOffset now) => Drain(Agents[agent].Teams, now);

    private void Drain(string team, DateTimeOffset now) => Drain([team], now);

    /// <summary>
    /// Assigns the oldest conversation waiting in any of <paramref name="teams"/> whose team has an available agent,
    /// again and again; a team whose oldest conversation nobody can take drops out.
    /// </summary>
    private void Drain(IEnumerable<string> teams, DateTimeOffset now)
    {
        var candidates = teams.Where(t => Queues[t].Count > 0).ToHashSet();
        while (candidates.Count > 0)
        {
            var team = candidates
                .OrderBy(t => Conversations[Queues[t][0]].QueuedAt)
                .ThenBy(t => Conversations[Queues[t][0]].Id.Value)
                .First();
            if (Pick(team) is not { } agent)
            {
                candidates.Remove(team);
                continue;
            }

            var conversation = Conversations[Queues[team][0]];
            Queues[team].RemoveAt(0);
            Reserve(agent, now);
            conversation.State = ConversationState.Assigned;
            conversation.Assignee = agent.Id;
            conversation.QueuedAt = null;
            Settle(conversation, ConversationState.Queued, team, now);
            Count("assigned from a queue");
            if (agent.Teams.Length > 1)
            {
                Count("assigned from a queue by an agent of several teams");
            }

            if (Queues[team].Count == 0)
            {
                candidates.Remove(team);
            }
        }
    }

    /// <summary>
    /// What a stored change leaves of the conversation's timers (the rules of issue 14): a closed conversation has none;
    /// one that entered a team's queue (from another state, or from another team's queue) has that team's queue timeout
    /// (if it has one), armed now; any other state has no queue timeout; a snoozed conversation has no auto-close, an awake one no
    /// snooze end.
    /// </summary>
    private static void Settle(Conv conversation, ConversationState fromState, string? fromTeam, DateTimeOffset now)
    {
        var timers = conversation.Timers;
        if (conversation.State == ConversationState.Closed)
        {
            timers.Clear();
            return;
        }

        if (conversation.State != ConversationState.Queued)
        {
            timers.Remove(ConversationTimerKind.QueueTimeout);
        }
        else if (fromState != ConversationState.Queued || fromTeam != conversation.Team)
        {
            if (ModelInbox.QueueTimeoutFor(conversation.Team!) is { } rule)
            {
                timers[ConversationTimerKind.QueueTimeout] = new ConversationTimer(ConversationTimerKind.QueueTimeout, now + rule.After, now);
            }
            else
            {
                timers.Remove(ConversationTimerKind.QueueTimeout);
            }
        }

        // A queued conversation waits for an agent, not the contact: entering a queue cancels the auto-close, as a snooze does.
        if (conversation.State is ConversationState.Queued or ConversationState.Snoozed)
        {
            timers.Remove(ConversationTimerKind.AutoClose);
        }

        if (conversation.State != ConversationState.Snoozed)
        {
            timers.Remove(ConversationTimerKind.SnoozeEnd);
        }
    }

    /// <summary>
    /// Least open, then idle longest (never assigned first), then id: the order of the in-memory directory. The agent who
    /// holds the conversation (<paramref name="holder"/>) has room for it even at capacity.
    /// </summary>
    private AgentModel? Pick(string team, string? holder = null) => Agents.Values
        .Where(a => a.Teams.Contains(team) && (a.IsAvailable || (a.Id == holder && a.Presence == AgentPresence.Online)))
        .OrderBy(a => a.Load)
        .ThenBy(a => a.LastAssigned.HasValue)
        .ThenBy(a => a.LastAssigned)
        .ThenBy(a => a.Id, StringComparer.Ordinal)
        .FirstOrDefault();

    private static void Reserve(AgentModel? agent, DateTimeOffset now)
    {
        if (agent is not null)
        {
            agent.Load++;
            agent.LastAssigned = now;
        }
    }
}
