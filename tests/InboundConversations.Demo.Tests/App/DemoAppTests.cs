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

    [Fact]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var (exitCode, output, error) = await DemoRunner.RunAsync("--help");

        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Contain("--contacts N").And.Contain("--seed S").And.Contain("--quiet").And.Contain("NO_COLOR");
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
