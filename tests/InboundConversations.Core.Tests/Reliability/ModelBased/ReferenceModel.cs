namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// A small, obviously-correct model of what the engine must do: one open conversation per contact, idempotent
/// intake, routing by channel, least-open assignment of online agents below capacity (ties: idle longest, then id),
/// queues in arrival order; a freed seat drains every team of its agent, oldest waiting conversation first across them.
/// A person may assign, unassign, transfer or close a conversation, also while its run works (the person's change
/// stands and the run ends with it); an unassigned conversation waits in no queue until someone picks it up. It learns
/// the ids the engine makes; everything else it predicts.
/// </summary>
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

    public Dictionary<ConversationId, Conv> Conversations { get; } = [];

    public Dictionary<(string Channel, string ExternalId), (ConversationId Conversation, MessageId Message)> Seen { get; } = [];

    public Dictionary<string, AgentModel> Agents { get; } = ModelInbox.Agents.ToDictionary(a => a.Agent, a => new AgentModel(a.Agent, a.Teams, a.Capacity));

    public Dictionary<string, List<ConversationId>> Queues { get; } = new() { [ModelInbox.Alpha] = [], [ModelInbox.Beta] = [] };

    /// <summary>What a new message must do: a duplicate of the recorded one, a join of the open one, or an opening.</summary>
    public ReceiveOutcome Expect(int contact, string channel, string externalId) =>
        Seen.ContainsKey((channel, externalId)) ? ReceiveOutcome.Duplicate
        : Open.ContainsKey(contact) ? ReceiveOutcome.Appended
        : ReceiveOutcome.Opened;

    public void Appended(int contact, string channel, string externalId, MessageId message)
    {
        var conversation = Conversations[Open[contact]];
        conversation.Messages++;
        Seen[(channel, externalId)] = (conversation.Id, message);
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
    /// exception that refuses it (the agent is not in its team; the agent is offline or full).
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

        // An away agent may be assigned by hand; an offline or full one may not.
        return model.Presence == AgentPresence.Offline || model.Load >= model.Capacity
            ? (takenIn, false, typeof(AgentUnavailableException))
            : (takenIn, false, null);
    }

    /// <summary>A person assigned the conversation to <paramref name="agent"/> in <paramref name="team"/>: out of its queue, the previous assignee's seat freed.</summary>
    public void AssignedByHand(ConversationId id, string agent, string team, DateTimeOffset now)
    {
        var conversation = Conversations[id];
        var previous = conversation.Assignee;
        Count(conversation.State switch
        {
            ConversationState.Queued => "manual assign of a queued conversation",
            ConversationState.Assigned => "manual assign away from another agent",
            ConversationState.Unassigned => "manual assign of an unassigned conversation",
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
        if (previous is not null)
        {
            Agents[previous].Load--;
            DrainTeamsOf(previous, now);
        }
    }

    /// <summary>What a manual unassignment must do: an unassigned conversation cannot be unassigned again.</summary>
    public Type? ExpectUnassign(ConversationId id) =>
        Conversations[id].State == ConversationState.Unassigned ? typeof(InvalidConversationTransitionException) : null;

    /// <summary>A person unassigned the conversation: out of its queue, in its team, with nobody; the previous assignee's seat freed.</summary>
    public void UnassignedByHand(ConversationId id, DateTimeOffset now)
    {
        var conversation = Conversations[id];
        var previous = conversation.Assignee;
        Count(conversation.State switch
        {
            ConversationState.Queued => "manual unassign of a queued conversation",
            ConversationState.Assigned => "manual unassign of an assigned conversation",
            _ => "manual unassign of a triaging conversation",
        });
        if (conversation.State == ConversationState.Queued)
        {
            Queues[conversation.Team!].Remove(id);
        }

        conversation.State = ConversationState.Unassigned;
        conversation.Assignee = null;
        conversation.QueuedAt = null;
        if (previous is not null)
        {
            Agents[previous].Load--;
            DrainTeamsOf(previous, now);
        }
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

    public void Replied(int contact) => Conversations[Open[contact]].Messages++;

    public void Closed(int contact, DateTimeOffset now)
    {
        var conversation = Conversations[Open[contact]];
        Open.Remove(contact);
        var wasAssigned = conversation.Assignee;
        if (conversation.State == ConversationState.Queued)
        {
            Queues[conversation.Team!].Remove(conversation.Id);
        }

        // Only an assigned conversation holds a seat: closing a queued, unassigned or triaging one frees nothing.
        Count($"closed while {conversation.State.ToString().ToLowerInvariant()}");
        conversation.State = ConversationState.Closed;
        conversation.QueuedAt = null;
        if (wasAssigned is not null)
        {
            Agents[wasAssigned].Load--;
            DrainTeamsOf(wasAssigned, now);
        }
    }

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

    public void Transferred(int contact, string team, DateTimeOffset now)
    {
        var conversation = Conversations[Open[contact]];
        var previous = conversation.Assignee;
        var previousTeam = conversation.Team;
        if (conversation.State == ConversationState.Unassigned)
        {
            Count("transfer of an unassigned conversation");
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

        Count(picked is null ? "transfer queued" : "transfer assigned");
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

        if (previous is not null && previous != conversation.Assignee)
        {
            DrainTeamsOf(previous, now);
        }

        if (conversation.State == ConversationState.Queued)
        {
            Drain(team, now);
        }
    }

    public void Count(string kind) => Exercised[kind] = Exercised.GetValueOrDefault(kind) + 1;

    private void AssignOrQueue(Conv conversation, string team, DateTimeOffset now)
    {
        var picked = Pick(team);
        Count(picked is null ? "opened and queued" : "opened and assigned");
        if (picked is null)
        {
            conversation.State = ConversationState.Queued;
            conversation.QueuedAt = now;
            Queues[team].Add(conversation.Id);
            return;
        }

        Reserve(picked, now);
        conversation.State = ConversationState.Assigned;
        conversation.Assignee = picked.Id;
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
