namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>One step of a generated sequence. Steps name contacts, agents and teams, never engine-made ids, so any subsequence replays.</summary>
public abstract record Operation;

/// <summary>A contact's message (a new external id on a channel).</summary>
public sealed record Inbound(int Contact, string Channel, string ExternalId) : Operation;

/// <summary>A webhook delivered again: the same channel and external id as an earlier message (or a new message, if that one was shrunk away).</summary>
public sealed record Redelivery(int Contact, string Channel, string ExternalId) : Operation;

/// <summary>Several messages of one contact at once.</summary>
public sealed record Burst(int Contact, string Channel, IReadOnlyList<string> ExternalIds) : Operation;

/// <summary>
/// A message through <see cref="IConversationEngine.SendAsync"/> in the contact's open conversation, if any, by someone
/// other than an agent (the API, a workflow, the system: it neither arms nor re-arms the auto-close; a contact as the
/// author is refused, nothing stored).
/// </summary>
public sealed record Reply(int Contact, ActorKind By = ActorKind.Api) : Operation;

/// <summary>An agent writes in the contact's open conversation, if any: it (re-)arms the auto-close, unless the conversation is snoozed.</summary>
public sealed record AgentReply(int Contact, string Agent) : Operation;

/// <summary>
/// Someone snoozes the contact's open conversation (or, if none is open, the contact's latest closed one) until
/// <paramref name="Seconds"/> from now: done, or refused with the exception the model predicts (a contact as the actor,
/// an end not in the future or beyond the longest snooze, a closed conversation, a state that cannot snooze).
/// </summary>
public sealed record Snooze(int Contact, long Seconds, ActorKind By) : Operation;

/// <summary>The contact's open conversation, if any, is closed.</summary>
public sealed record Close(int Contact) : Operation;

/// <summary>An agent closes one of the conversations they hold (the one of the lowest-numbered contact), if any.</summary>
public sealed record AgentCloses(string Agent) : Operation;

/// <summary>An agent's presence changes.</summary>
public sealed record Presence(string Agent, AgentPresence To) : Operation;

/// <summary>An agent's capacity changes.</summary>
public sealed record Capacity(string Agent, int To) : Operation;

/// <summary>The contact's open conversation, if any, is transferred to a team.</summary>
public sealed record Transfer(int Contact, string Team) : Operation;

/// <summary>A person assigns the contact's open conversation, if any, to an agent by hand.</summary>
public sealed record ManualAssign(int Contact, string Agent) : Operation;

/// <summary>A person unassigns the contact's open conversation, if any: it waits for someone to pick it up (in no queue).</summary>
public sealed record ManualUnassign(int Contact) : Operation;

/// <summary>What a person does to a conversation while its workflow run is held in the enricher.</summary>
public enum RunTakeover
{
    /// <summary>Assigns it to <see cref="TakeOverDuringRun.Agent"/>.</summary>
    Assign,

    /// <summary>Transfers it to <see cref="TakeOverDuringRun.Team"/>.</summary>
    Transfer,

    /// <summary>Unassigns it.</summary>
    Unassign,

    /// <summary>Closes it.</summary>
    Close,

    /// <summary>Tries to snooze it: a triaging conversation cannot be snoozed, so the run goes on as if nobody had touched it.</summary>
    Snooze,
}

/// <summary>
/// If the contact has no open conversation: a message opens one, its run is held in the enricher, a person makes
/// <paramref name="Change"/>, the run is released; the run must end with what the person stored.
/// </summary>
public sealed record TakeOverDuringRun(int Contact, string Channel, string ExternalId, RunTakeover Change, string? Agent = null, string? Team = null) : Operation;

/// <summary>
/// The background pass (<see cref="IConversationEngine.ProcessDueAsync"/>): it fires exactly the due timers the model
/// predicts, with the outcomes it predicts; without faults it finds nothing else to do (the engine's own follow-ups
/// left no run, reservation or queue behind).
/// </summary>
public sealed record Backstop : Operation;

/// <summary>Time passes (beyond the second every operation advances): seconds, minutes around the queue timeouts, or most of an hour around the auto-close.</summary>
public sealed record Clock(int Seconds) : Operation;
