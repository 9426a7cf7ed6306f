using InboundConversations.Demo.Simulation;

namespace InboundConversations.Demo.Tests.Simulation;

public sealed class AgendaTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Actions_run_in_time_order_then_in_scheduling_order_with_the_clock_at_their_moment()
    {
        var clock = new SimulatedClock(Nine);
        var agenda = new Agenda(clock);
        var ran = new List<string>();
        agenda.At(Nine.AddMinutes(5), Record("b"));
        agenda.At(Nine.AddMinutes(1), Record("a"));
        agenda.At(Nine.AddMinutes(5), Record("c"));

        while (await agenda.RunNextAsync())
        {
        }

        ran.Should().Equal("a@09:01", "b@09:05", "c@09:05");

        Func<Task> Record(string name) => () =>
        {
            ran.Add($"{name}@{clock.GetUtcNow():HH:mm}");
            return Task.CompletedTask;
        };
    }

    [Fact]
    public void An_action_in_the_simulated_past_is_refused()
    {
        var clock = new SimulatedClock(Nine);
        clock.AdvanceTo(Nine.AddMinutes(10));

        new Agenda(clock).Invoking(a => a.At(Nine, () => Task.CompletedTask)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_simulated_clock_never_goes_back_and_its_timestamps_follow_it()
    {
        var clock = new SimulatedClock(Nine);
        var started = clock.GetTimestamp();
        clock.AdvanceTo(Nine.AddSeconds(90));

        clock.GetElapsedTime(started).Should().Be(TimeSpan.FromSeconds(90));
        clock.Invoking(c => c.AdvanceTo(Nine)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
