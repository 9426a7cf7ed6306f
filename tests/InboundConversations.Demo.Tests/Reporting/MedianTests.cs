using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Tests.Reporting;

public sealed class MedianTests
{
    [Fact]
    public void An_odd_count_gives_the_middle_value_whatever_the_order() =>
        Median.Of([Minutes(9), Minutes(1), Minutes(4)]).Should().Be(Minutes(4));

    [Fact]
    public void An_even_count_gives_the_mean_of_the_two_middle_values() =>
        Median.Of([Minutes(10), Minutes(1), Minutes(2), Minutes(5)]).Should().Be(TimeSpan.FromSeconds(210));

    [Fact]
    public void One_value_is_its_own_median() => Median.Of([Minutes(3)]).Should().Be(Minutes(3));

    [Fact]
    public void No_value_has_no_median() => Median.Of([]).Should().BeNull();

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);
}
