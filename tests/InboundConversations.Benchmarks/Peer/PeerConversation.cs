using MassTransit;

namespace InboundConversations.Benchmarks.Peer;

/// <summary>
/// The saga instance: one contact's open conversation, correlated by the contact's key, so the saga repository keeps
/// one open conversation per contact. Its messages and the external ids it has seen live in the instance. Ids come
/// from MassTransit's NewId, as a MassTransit code base would make them (no system call per id).
/// </summary>
public sealed class PeerConversation : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public int CurrentState { get; set; }

    public Guid ConversationId { get; set; }

    public string Contact { get; set; } = "";

    public string Channel { get; set; } = "";

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? Category { get; set; }

    public List<PeerRecordedMessage> Messages { get; } = [];

    public HashSet<string> SeenExternalIds { get; } = new(StringComparer.Ordinal);

    public void Open(PeerContactMessage message, DateTimeOffset now)
    {
        ConversationId = NewId.NextGuid();
        Contact = message.Contact;
        Channel = message.Channel;
        OpenedAt = now;
        Receive(message, now);
    }

    /// <summary>Records the message unless its external id was seen (a redelivery).</summary>
    public void Receive(PeerContactMessage message, DateTimeOffset now)
    {
        if (SeenExternalIds.Add(message.ExternalId))
        {
            Messages.Add(new PeerRecordedMessage(
                NewId.NextGuid(), true, message.Contact, message.Channel, message.ExternalId, message.Content, message.SentAt, now, Messages.Count + 1));
        }
    }

    public void Reply(PeerAgentReply reply, DateTimeOffset now) =>
        Messages.Add(new PeerRecordedMessage(NewId.NextGuid(), false, reply.Agent, Channel, null, reply.Content, now, now, Messages.Count + 1));

    public void Close(PeerClose close, DateTimeOffset now)
    {
        ClosedAt = now;
        ClosedBy = close.Agent;
        Category = close.Category;
    }
}
