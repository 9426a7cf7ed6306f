namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// Generates a seeded sequence of operations: mostly messages, with redeliveries, bursts, replies, closes, presence and
/// capacity changes and transfers; less often manual assignments and unassignments, a person's change while a run is
/// held in the enricher, the background pass (half the time once every reservation is past its grace) and time passing.
/// </summary>
public static class Generator
{
    public static IReadOnlyList<Operation> Generate(int seed, int count, int contacts)
    {
        var random = new Random(seed);
        var operations = new List<Operation>(count);
        var delivered = new List<(int Contact, string Channel, string ExternalId)>();
        var next = 0;
        string NewId() => $"m{next++}";
        var backstopNext = false;

        // Who the generated presence changes left away: a manual assignment can only take an agent with room, and while
        // a team's queue waits its online members are full, so away agents are the ones who usually can.
        var away = new List<string>();

        while (operations.Count < count)
        {
            var contact = random.Next(contacts);
            var channel = ModelInbox.Channels[random.Next(ModelInbox.Channels.Length)];
            var agent = ModelInbox.Agents[random.Next(ModelInbox.Agents.Length)].Agent;
            var roll = backstopNext ? -1 : random.Next(116);
            backstopNext = false;
            Operation operation = roll switch
            {
                < 0 => new Backstop(),
                < 24 => new Inbound(contact, channel, NewId()),
                < 31 when delivered.Count > 0 => Redeliver(delivered[random.Next(delivered.Count)]),
                < 34 => new Burst(contact, channel, Enumerable.Range(0, random.Next(2, 9)).Select(_ => NewId()).ToArray()),
                < 42 => new Reply(contact),
                < 47 => new Close(contact),
                < 72 => new AgentCloses(agent),
                < 80 => new Presence(agent, random.Next(8) switch { 0 => AgentPresence.Offline, 1 => AgentPresence.Away, _ => AgentPresence.Online }),
                < 86 => new Capacity(agent, random.Next(1, 11)),
                < 100 => new Transfer(contact, Team()),
                < 108 => new ManualAssign(Recent(), random.Next(2) == 0 && away.Count > 0 ? away[random.Next(away.Count)] : agent),
                < 110 => new ManualUnassign(Recent()),
                < 113 => random.Next(4) switch
                {
                    0 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Assign, Agent: agent),
                    1 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Transfer, Team: Team()),
                    2 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Unassign),
                    _ => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Close),
                },
                < 115 when random.Next(2) == 0 => PastTheGraceThenBackstop(),
                < 115 => new Backstop(),
                _ => new Clock(random.Next(2, 61)),
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
                case TakeOverDuringRun takeover:
                    delivered.Add((takeover.Contact, takeover.Channel, takeover.ExternalId));
                    break;
                case Presence presence:
                    away.Remove(presence.Agent);
                    if (presence.To == AgentPresence.Away)
                    {
                        away.Add(presence.Agent);
                    }

                    break;
            }
        }

        return operations;

        string Team() => random.Next(2) == 0 ? ModelInbox.Alpha : ModelInbox.Beta;

        // Half the time a contact who wrote lately (more likely to have an open conversation), else anyone.
        int Recent() => random.Next(2) == 0 && delivered.Count > 0
            ? delivered[delivered.Count - 1 - random.Next(Math.Min(20, delivered.Count))].Contact
            : random.Next(contacts);

        // Past the reservations' grace period (two minutes), so the pass looks at every reservation held.
        Clock PastTheGraceThenBackstop()
        {
            backstopNext = true;
            return new Clock(random.Next(121, 601));
        }

        static Redelivery Redeliver((int Contact, string Channel, string ExternalId) original) =>
            new(original.Contact, original.Channel, original.ExternalId);
    }
}
