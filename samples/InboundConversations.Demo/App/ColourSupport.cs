namespace InboundConversations.Demo.App;

/// <summary>Whether to colour the output: only for a terminal that can show it, and never when NO_COLOR is set.</summary>
internal static class ColourSupport
{
    /// <param name="outputRedirected">True when standard output is a file or a pipe.</param>
    /// <param name="noColor">The NO_COLOR variable: any non-empty value turns colour off (no-color.org).</param>
    /// <param name="term">The TERM variable: <c>dumb</c> cannot show colour.</param>
    public static bool IsEnabled(bool outputRedirected, string? noColor, string? term) =>
        !outputRedirected
        && string.IsNullOrEmpty(noColor)
        && !string.Equals(term, "dumb", StringComparison.Ordinal);

    public static bool DetectForConsole() => IsEnabled(
        Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable("NO_COLOR"),
        Environment.GetEnvironmentVariable("TERM"));
}
