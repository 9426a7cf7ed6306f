using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Tests.Reporting;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m 00s")]
    [InlineData(245, "4m 05s")]
    [InlineData(7_500, "2h 05m")]
    [InlineData(97_200, "1d 03h")]
    public void Durations_print_in_a_short_fixed_format(int seconds, string expected) =>
        Durations.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Fact]
    public void A_missing_duration_prints_as_a_dash() => Durations.Format((TimeSpan?)null).Should().Be("-");

    [Fact]
    public void A_negative_duration_is_a_bug_and_throws() =>
        FluentActions.Invoking(() => Durations.Format(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
}
