using InboundConversations.Demo.App;

namespace InboundConversations.Demo.Tests.App;

public sealed class ColourSupportTests
{
    [Theory]
    [InlineData(false, null, "xterm-256color", true)]
    [InlineData(false, "", "xterm", true)]
    [InlineData(true, null, "xterm", false)]
    [InlineData(false, "1", "xterm", false)]
    [InlineData(false, "false", "xterm", false)]
    [InlineData(false, null, "dumb", false)]
    [InlineData(false, null, null, true)]
    public void Colour_is_used_only_on_a_terminal_without_NO_COLOR(bool redirected, string? noColor, string? term, bool expected) =>
        ColourSupport.IsEnabled(redirected, noColor, term).Should().Be(expected);
}
