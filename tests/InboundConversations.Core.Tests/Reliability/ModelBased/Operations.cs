namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>One step of a generated sequence. Steps name contacts, agents and teams, never engine-made ids, so any subsequence replays.</summary>
public abstract record Operation;

/// <summary>A contact's message (a new external id on a channel).</summary>
public sealed record Inbound(int Contact, string Channel, string ExternalId) : Operation;

/// <summary>A webhook delivered again: the same channel and external id as an earlier message (or a new message, if that one was shrunk away).</summary>
public sealed record Redelivery(int Contact, string Channel, string ExternalId) : Operation;

/// <summary>Several messages of one contact at once.</summary>
public sealed record Burst(int Contact, string Channel, IReadOnlyList<string> ExternalIds) : Operation;

/// <summary>The assignee (or the API) replies in the contact's open conversation, if any.</summary>
public sealed record Reply(int Contact) : Operation;

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
