using InboundConversations.Demo.Simulation;

namespace InboundConversations.Demo.Tests.Simulation;

public sealed class TrafficPlanTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2026)]
    public void The_first_contact_writes_about_billing_before_billing_opens_and_comes_back(int seed)
    {
        var first = TrafficPlan.Draw(12, new Random(seed))[0];

        first.FirstMessageAt.Should().BeLessThan(TimeSpan.FromMinutes(20));
        first.Visits.Should().HaveCountGreaterThanOrEqualTo(2);
        first.Visits[0].Topic.Should().Be(Topic.Billing);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2026)]
    public void The_first_contact_goes_quiet_on_their_second_visit_and_the_second_contact_checks_back(int seed)
    {
        var plan = TrafficPlan.Draw(12, new Random(seed));

        plan[0].Visits[0].AfterReply.Should().Be(AfterReply.Settled, "the first visit shows the overflow and ends as usual");
        plan[0].Visits[1].AfterReply.Should().Be(AfterReply.GoesQuiet);
        plan[1].Visits[0].AfterReply.Should().Be(AfterReply.ChecksBack);
    }

    [Fact]
    public void Most_visits_settle_and_some_go_quiet_or_check_back()
    {
        var counts = TrafficPlan.Draw(2000, new Random(3)).SelectMany(static c => c.Visits).CountBy(static v => v.AfterReply).ToDictionary();

        counts[AfterReply.Settled].Should().BeGreaterThan(counts[AfterReply.GoesQuiet] + counts[AfterReply.ChecksBack]);
        counts[AfterReply.GoesQuiet].Should().BeGreaterThan(0);
        counts[AfterReply.ChecksBack].Should().BeGreaterThan(0);
    }

    [Fact]
    public void Contacts_are_distinct_arrive_in_order_and_use_several_channels_and_both_languages()
    {
        var plan = TrafficPlan.Draw(500, new Random(3));

        plan.Select(c => c.Id).Should().OnlyHaveUniqueItems();
        plan.Select(c => c.FirstMessageAt).Should().BeInAscendingOrder();
        plan.SelectMany(c => c.Visits).Select(v => v.Channel).Distinct().Should().BeEquivalentTo(TrafficPlan.Channels);
        plan.Select(c => c.Language).Distinct().Should().HaveCount(2);
    }
}
