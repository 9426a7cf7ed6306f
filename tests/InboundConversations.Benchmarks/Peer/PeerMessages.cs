namespace InboundConversations.Benchmarks.Peer;

/// <summary>A contact's message, correlated by the contact's key (a GUID the host derives from the contact id).</summary>
public sealed record PeerContactMessage(Guid ContactKey, string Contact, string Channel, string ExternalId, string Content, DateTimeOffset SentAt);

/// <summary>An agent's reply in the contact's open conversation.</summary>
public sealed record PeerAgentReply(Guid ContactKey, string Agent, string Content);

/// <summary>An agent closes the contact's open conversation.</summary>
public sealed record PeerClose(Guid ContactKey, string Agent, string? Category);

/// <summary>A message as the peer's saga records it.</summary>
public sealed record PeerRecordedMessage(
    Guid Id, bool Inbound, string Author, string Channel, string? ExternalId, string Content, DateTimeOffset SentAt, DateTimeOffset RecordedAt, long Sequence);
