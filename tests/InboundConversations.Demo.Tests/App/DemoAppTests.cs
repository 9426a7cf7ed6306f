namespace InboundConversations.Demo.Tests.App;

public sealed class DemoAppTests
{
    [Theory]
    [InlineData("--contacts", "0")]
    [InlineData("--seed", "minus-one")]
    [InlineData("--verbose")]
    public async Task A_bad_option_gets_a_message_on_stderr_exit_code_2_and_no_output(params string[] args)
    {
        var (exitCode, output, error) = await DemoRunner.RunAsync(args);

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("error: ").And.Contain(args[0]).And.Contain("--help");
    }

    [Theory]
    [InlineData("--postgres=")]
    [InlineData("--postgres", "Hots=localhost")]
    public async Task A_bad_connection_string_exits_2_before_anything_runs(params string[] args)
    {
        var (exitCode, output, error) = await DemoRunner.RunAsync(args);

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("error: --postgres ");
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_exits_1_naming_the_failure_and_the_schema_it_may_have_left()
    {
        // Port 1 on the loopback: nothing listens, so the connection is refused at once.
        var (exitCode, _, error) = await DemoRunner.RunAsync("--postgres", "Host=127.0.0.1;Port=1;Timeout=5", "--quiet");

        exitCode.Should().Be(1);
        error.Should().StartWith("error: PostgreSQL failed the run: ").And.MatchRegex("drop schema inbound_demo_[0-9]{8}_[0-9]{6}_[0-9a-f]{6} cascade");
    }

    [Fact]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var (exitCode, output, error) = await DemoRunner.RunAsync("--help");

        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Contain("--contacts N").And.Contain("--seed S").And.Contain("--quiet").And.Contain("--postgres C").And.Contain("NO_COLOR");
    }

    [Fact]
    public async Task The_default_run_exits_0_with_a_timeline_and_a_summary_and_nothing_on_stderr()
    {
        var (exitCode, output, error) = await DemoRunner.RunAsync();

        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Contain("#1 opened for").And.Contain("the stretch ends: every conversation is closed").And.Contain("Summary");
    }
}
