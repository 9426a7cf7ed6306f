using System.Collections.Concurrent;

namespace InboundConversations.Benchmarks.Append;

/// <summary>
/// The least an append to an open conversation must do, written by hand: find the contact's open conversation in
/// a <see cref="ConcurrentDictionary{TKey,TValue}"/>, take its lock, check and record the (channel, external id)
/// idempotency key, append the message to a list. No ids, no events, no validation, no ports.
/// </summary>
public sealed class AppendFloor
{
    private readonly ConcurrentDictionary<ContactId, FloorConversation> _open = new();
    private readonly ConcurrentDictionary<(ChannelId, string), InboundMessage> _seen = new();

    public void Open(ContactId contact) => _open[contact] = new FloorConversation();

    /// <returns>False for a redelivery.</returns>
    public bool Append(InboundMessage message)
    {
        var conversation = _open[message.Contact];
        lock (conversation)
        {
            if (!_seen.TryAdd((message.Channel, message.ExternalId), message))
            {
                return false;
            }

            conversation.Messages.Add(message);
            return true;
        }
    }

    private sealed class FloorConversation
    {
        public List<InboundMessage> Messages { get; } = [];
    }
}
