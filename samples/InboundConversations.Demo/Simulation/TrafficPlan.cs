namespace InboundConversations.Demo.Simulation;

/// <summary>
/// One time a contact gets in touch: what about, on which channel, and what they do once the agent has answered.
/// Each visit is one conversation.
/// </summary>
internal sealed record PlannedVisit(Topic Topic, string Channel, AfterReply AfterReply = AfterReply.Settled);

/// <summary>A contact of the stretch: their language, when they first write, and each of their visits in order.</summary>
internal sealed record PlannedContact(string Id, Language Language, TimeSpan FirstMessageAt, IReadOnlyList<PlannedVisit> Visits);

/// <summary>
/// Draws who writes in, when, about what and on which channel. Arrivals form a Poisson process (a mean gap of four
/// minutes), so the load is the same for 12 contacts or 2,000; the stretch just lasts longer.
/// </summary>
/// <remarks>
/// The first contact always writes about billing within the first four minutes, before billing's only agent starts,
/// and always comes back, going quiet on that second visit; the second contact always checks back on their first:
/// every seed shows billing's queue timing out and overflowing to support, a closed conversation followed by a new
/// one, an auto-close, and a snooze woken by the contact's reply.
/// </remarks>
internal static class TrafficPlan
{
    public static readonly IReadOnlyList<string> Channels = ["whatsapp", "webchat", "email", "sms"];

    private static readonly (string, int)[] ChannelWeights = [("whatsapp", 40), ("webchat", 25), ("email", 20), ("sms", 15)];
    private static readonly (Topic, int)[] TopicWeights = [(Topic.Sales, 30), (Topic.Support, 35), (Topic.Billing, 25), (Topic.Unclear, 10)];
    private static readonly (int, int)[] VisitCountWeights = [(1, 78), (2, 19), (3, 3)];
    private static readonly (AfterReply, int)[] AfterReplyWeights = [(AfterReply.Settled, 84), (AfterReply.GoesQuiet, 9), (AfterReply.ChecksBack, 7)];

    private static readonly TimeSpan MeanArrivalGap = TimeSpan.FromMinutes(4);

    public static IReadOnlyList<PlannedContact> Draw(int contacts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contacts, 1);
        var perLanguage = new Dictionary<Language, int> { [Language.English] = 0, [Language.Spanish] = 0 };
        var plan = new List<PlannedContact>(contacts);
        var at = TimeSpan.Zero;
        for (var i = 0; i < contacts; i++)
        {
            var first = i == 0;
            var language = random.Chance(0.5) ? Language.English : Language.Spanish;
            var id = Phrasebook.ContactName(language, perLanguage[language]++);
            at += first
                ? random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4))
                : random.Gap(MeanArrivalGap, TimeSpan.FromSeconds(15));

            var channel = random.Weighted(ChannelWeights);
            var count = first ? Math.Max(2, random.Weighted(VisitCountWeights)) : random.Weighted(VisitCountWeights);
            var visits = new List<PlannedVisit>(count);
            for (var v = 0; v < count; v++)
            {
                var topic = first && v == 0 ? Topic.Billing : random.Weighted(TopicWeights);
                if (v > 0 && random.Chance(0.25))
                {
                    channel = random.Pick(Channels.Where(c => c != channel).ToArray()); // the same contact, reached on another channel
                }

                var afterReply = (i, v) switch
                {
                    (0, 0) => AfterReply.Settled,
                    (0, 1) => AfterReply.GoesQuiet,
                    (1, 0) => AfterReply.ChecksBack,
                    _ => random.Weighted(AfterReplyWeights),
                };
                visits.Add(new PlannedVisit(topic, channel, afterReply));
            }

            plan.Add(new PlannedContact(id, language, at, visits));
        }

        return plan;
    }
}
