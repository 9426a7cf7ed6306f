namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// Generates a seeded sequence of operations: mostly messages, with redeliveries, bursts, replies (by agents, and by
/// the API, a workflow, the system or, refused, a contact), closes, presence and capacity changes and transfers; less
/// often manual assignments and unassignments, snoozes (valid, and refused for each reason), a person's change while a
/// run is held in the enricher, the background pass (half the time once every reservation is past its grace) and time
/// passing: seconds, minutes around the queue timeouts, or most of an hour around the auto-close (then, half the
/// time, the background pass).
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
            var roll = backstopNext ? -1 : random.Next(126);
            backstopNext = false;
            Operation operation = roll switch
            {
                < 0 => new Backstop(),
                < 24 => new Inbound(contact, channel, NewId()),
                < 31 when delivered.Count > 0 => Redeliver(delivered[random.Next(delivered.Count)]),
                < 34 => new Burst(contact, channel, Enumerable.Range(0, random.Next(2, 9)).Select(_ => NewId()).ToArray()),
                < 40 => new Reply(Recent(), random.Next(10) switch { < 5 => ActorKind.Api, < 7 => ActorKind.Workflow, < 9 => ActorKind.System, _ => ActorKind.Contact }),
                < 50 => new AgentReply(Recent(), agent),
                < 55 => new Close(contact),
                < 72 => new AgentCloses(agent),
                < 80 => new Presence(agent, random.Next(8) switch { 0 => AgentPresence.Offline, 1 => AgentPresence.Away, _ => AgentPresence.Online }),
                < 86 => new Capacity(agent, random.Next(1, 11)),
                < 100 => new Transfer(contact, Team()),
                < 108 => new ManualAssign(Recent(), random.Next(2) == 0 && away.Count > 0 ? away[random.Next(away.Count)] : agent),
                < 110 => new ManualUnassign(Recent()),
                < 113 => random.Next(5) switch
                {
                    0 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Assign, Agent: agent),
                    1 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Transfer, Team: Team()),
                    2 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Unassign),
                    3 => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Snooze),
                    _ => new TakeOverDuringRun(contact, channel, NewId(), RunTakeover.Close),
                },
                < 119 => Snooze(),
                < 122 when random.Next(2) == 0 => PastTheGraceThenBackstop(),
                < 122 => new Backstop(),
                _ => TimePasses(),
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

        string Team() => random.Next(20) switch
        {
            < 6 => ModelInbox.Alpha,
            < 12 => ModelInbox.Beta,
            < 15 => ModelInbox.Gamma,
            _ => ModelInbox.Overflow,
        };

        // Mostly a valid snooze (minutes to hours, now and then a day); else one refused for each reason: an end not in
        // the future (now, or earlier), beyond the longest snooze (or exactly the longest, which is allowed), by a
        // contact. A conversation that is closed, queued or triaging refuses it too.
        Snooze Snooze()
        {
            var longest = (long)ModelInbox.MaxSnooze.TotalSeconds;
            return random.Next(20) switch
            {
                < 12 => new Snooze(Recent(), random.Next(60, 3 * 3_600), SnoozedBy()),
                12 => new Snooze(Recent(), random.Next(2) == 0 ? 0 : -random.Next(1, 3_600), SnoozedBy()),
                13 => new Snooze(Recent(), longest + random.Next(1, 3_600), SnoozedBy()),
                14 => new Snooze(Recent(), longest, SnoozedBy()),
                15 => new Snooze(Recent(), random.Next(60, 3 * 3_600), ActorKind.Contact),
                _ => new Snooze(Recent(), random.Next(3 * 3_600, 24 * 3_600), SnoozedBy()),
            };
        }

        ActorKind SnoozedBy() => random.Next(10) switch
        {
            < 5 => ActorKind.Agent,
            < 8 => ActorKind.Api,
            8 => ActorKind.Workflow,
            _ => ActorKind.System,
        };

        // Seconds (below every timeout), minutes (around the queue timeouts, 2 to 5 minutes), or up to an hour and a
        // half (around the 45-minute auto-close); after the longer ones, half the time, the background pass.
        Clock TimePasses()
        {
            var roll = random.Next(10);
            var clock = new Clock(roll switch
            {
                < 5 => random.Next(2, 61),
                < 8 => random.Next(60, 601),
                _ => random.Next(20 * 60, 90 * 60),
            });
            backstopNext = roll >= 5 && random.Next(2) == 0;
            return clock;
        }

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
