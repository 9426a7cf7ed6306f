namespace InboundConversations.Benchmarks.Setup;

/// <summary>
/// The inputs every benchmark shares, built before anything is measured: ids, channels and the one content string
/// all messages carry (so message content never counts in allocated or retained bytes).
/// </summary>
public static class Workload
{
    /// <summary>A first message whose keywords the shipped enricher turns into the intent "billing".</summary>
    public const string FirstMessage = "Hello, I need a refund for my last invoice";

    /// <summary>A follow-up message to an already open conversation.</summary>
    public const string FollowUp = "Any news on this?";

    /// <summary>The agent's reply.</summary>
    public const string Reply = "On it: the refund is on its way.";

    /// <summary>The team the rules route billing conversations to; every benchmark agent belongs to it.</summary>
    public static TeamId BillingTeam { get; } = new("billing");

    /// <summary>The channel every message arrives on.</summary>
    public static ChannelId Channel { get; } = new("whatsapp");

    /// <summary>The <paramref name="index"/>-th contact.</summary>
    public static ContactId Contact(int index) => new($"contact-{index:D6}");

    /// <summary>The <paramref name="index"/>-th agent.</summary>
    public static AgentId Agent(int index) => new($"agent-{index:D5}");

    /// <summary>
    /// An inbound message of <paramref name="contact"/> with a unique external id; <paramref name="sentAt"/> is
    /// fixed in advance so that building inputs costs nothing during a measurement.
    /// </summary>
    public static InboundMessage Inbound(ContactId contact, string externalId, string content, DateTimeOffset sentAt) => new()
    {
        Contact = contact,
        Channel = Channel,
        ExternalId = externalId,
        Content = content,
        SentAt = sentAt,
    };

    /// <summary>The messages of <paramref name="rounds"/> rounds over <paramref name="contacts"/> contacts: [round][contact].</summary>
    public static InboundMessage[][] FollowUps(ContactId[] contacts, int rounds, string prefix)
    {
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var messages = new InboundMessage[rounds][];
        for (var round = 0; round < rounds; round++)
        {
            messages[round] = new InboundMessage[contacts.Length];
            for (var i = 0; i < contacts.Length; i++)
            {
                messages[round][i] = Inbound(contacts[i], $"{prefix}-{round}-{i}", FollowUp, sentAt);
            }
        }

        return messages;
    }

    /// <summary>Contacts 0 to <paramref name="count"/> - 1.</summary>
    public static ContactId[] Contacts(int count) => Enumerable.Range(0, count).Select(Contact).ToArray();
}
