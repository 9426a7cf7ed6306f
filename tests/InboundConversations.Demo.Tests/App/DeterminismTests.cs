namespace InboundConversations.Demo.Tests.App;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--seed 41 --contacts 60")]
    public async Task The_same_options_print_byte_identical_output(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = await DemoRunner.RunAsync(args);
        var second = await DemoRunner.RunAsync(args);

        second.Output.Should().Be(first.Output);
    }

    [Fact]
    public async Task Another_seed_plays_another_stretch()
    {
        var first = await DemoRunner.RunAsync("--seed", "1");
        var second = await DemoRunner.RunAsync("--seed", "2");

        second.Output.Should().NotBe(first.Output);
    }

    [Fact]
    public async Task Quiet_prints_exactly_the_summary_of_the_full_run()
    {
        var full = await DemoRunner.RunAsync("--seed", "5");
        var quiet = await DemoRunner.RunAsync("--seed", "5", "--quiet");

        quiet.Output.Should().StartWith("Summary");
        full.Output.Should().EndWith(quiet.Output);
        full.Output.Length.Should().BeGreaterThan(quiet.Output.Length * 3);
    }

    [Fact]
    public async Task Colour_off_prints_no_escape_sequence_and_colour_on_does()
    {
        var plain = await DemoRunner.RunAsync(colour: false);
        var coloured = await DemoRunner.RunAsync(colour: true);

        plain.Output.Should().NotContain("\u001b[");
        coloured.Output.Should().Contain("\u001b[");
        StripEscapes(coloured.Output).Should().Be(plain.Output);
    }

    private static string StripEscapes(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", "");
}
