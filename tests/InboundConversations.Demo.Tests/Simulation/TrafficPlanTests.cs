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
