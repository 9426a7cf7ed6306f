namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>Generates a seeded sequence of operations: mostly messages, with redeliveries, bursts, replies, closes, presence and capacity changes and transfers.</summary>
public static class Generator
{
    public static IReadOnlyList<Operation> Generate(int seed, int count, int contacts)
    {
        var random = new Random(seed);
        var operations = new List<Operation>(count);
        var delivered = new List<(int Contact, string Channel, string ExternalId)>();
        var next = 0;
        string NewId() => $"m{next++}";

        while (operations.Count < count)
        {
            var contact = random.Next(contacts);
            var channel = ModelInbox.Channels[random.Next(ModelInbox.Channels.Length)];
            var agent = ModelInbox.Agents[random.Next(ModelInbox.Agents.Length)].Agent;
            var roll = random.Next(100);
            Operation operation = roll switch
            {
                < 24 => new Inbound(contact, channel, NewId()),
                < 31 when delivered.Count > 0 => Redeliver(delivered[random.Next(delivered.Count)]),
                < 34 => new Burst(contact, channel, Enumerable.Range(0, random.Next(2, 9)).Select(_ => NewId()).ToArray()),
                < 42 => new Reply(contact),
                < 47 => new Close(contact),
                < 72 => new AgentCloses(agent),
                < 80 => new Presence(agent, random.Next(8) switch { 0 => AgentPresence.Offline, 1 => AgentPresence.Away, _ => AgentPresence.Online }),
                < 86 => new Capacity(agent, random.Next(1, 11)),
                _ => new Transfer(contact, random.Next(2) == 0 ? ModelInbox.Alpha : ModelInbox.Beta),
            };
            operations.Add(operation);
            switch (operation)
            {
                case Inbound inbound:
                    delivered.Add((inbound.Contact, inbound.Channel, inbound.ExternalId));
                    break;
                case Burst burst:
                    delivered.AddRange(burst.ExternalIds.Select(id => (burst.Contact, burst.Channel, id)));
                    break;
            }
        }

        return operations;

        static Redelivery Redeliver((int Contact, string Channel, string ExternalId) original) =>
            new(original.Contact, original.Channel, original.ExternalId);
    }
}
