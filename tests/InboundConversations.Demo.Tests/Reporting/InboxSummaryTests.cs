using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Tests.Reporting;

public sealed class InboxSummaryTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_team_and_agent_gets_its_conversations_queued_count_and_medians_from_the_opening()
    {
        ConversationRecord[] records =
        [
            Record(1, "sales", "ana", queuedFor: null, assignedAfter: 0, repliedAfter: 60),
            Record(2, "sales", "ana", queuedFor: 300, assignedAfter: 300, repliedAfter: 420),
            Record(3, "sales", "diego", queuedFor: null, assignedAfter: 0, repliedAfter: 180),
            Record(4, "billing", "carla", queuedFor: 1_200, assignedAfter: 1_200, repliedAfter: 1_500),
        ];

        var (teams, agents) = InboxSummary.Tabulate(records, ["sales", "support", "billing"], [("ana", "sales"), ("diego", "sales"), ("carla", "billing")]);

        teams.Should().Equal(
            new Figures("sales", "sales", 3, 1, TimeSpan.Zero, TimeSpan.FromSeconds(180)),
            new Figures("support", "support", 0, 0, null, null),
            new Figures("billing", "billing", 1, 1, TimeSpan.FromSeconds(1_200), TimeSpan.FromSeconds(1_500)));
        agents.Should().Equal(
            new Figures("ana", "sales", 2, 1, TimeSpan.FromSeconds(150), TimeSpan.FromSeconds(240)),
            new Figures("diego", "sales", 1, 0, TimeSpan.Zero, TimeSpan.FromSeconds(180)),
            new Figures("carla", "billing", 1, 1, TimeSpan.FromSeconds(1_200), TimeSpan.FromSeconds(1_500)));
    }

    [Fact]
    public void A_conversation_not_yet_replied_to_counts_but_has_no_reply_time()
    {
        ConversationRecord[] records =
        [
            Record(1, "support", "mei", queuedFor: null, assignedAfter: 0, repliedAfter: 100),
            Record(2, "support", "mei", queuedFor: null, assignedAfter: 0, repliedAfter: null),
        ];

        var (teams, _) = InboxSummary.Tabulate(records, ["support"], [("mei", "support")]);

        teams.Single().Should().Be(new Figures("support", "support", 2, 0, TimeSpan.Zero, TimeSpan.FromSeconds(100)));
    }

    private static ConversationRecord Record(int number, string team, string agent, int? queuedFor, int assignedAfter, int? repliedAfter)
    {
        var openedAt = Nine.AddMinutes(number);
        return new ConversationRecord(number, new ConversationId(Guid.NewGuid()), $"contact-{number}", openedAt, previous: null)
        {
            Team = team,
            Agent = agent,
            QueuedAt = queuedFor is null ? null : openedAt,
            AssignedAt = openedAt.AddSeconds(assignedAfter),
            FirstReplyAt = repliedAfter is { } reply ? openedAt.AddSeconds(reply) : null,
        };
    }
}
