namespace InboundConversations.Demo.App;

/// <summary>The outcome of reading the command line: options to run with, a request for help, or an error to report.</summary>
internal sealed record ParsedArguments
{
    private ParsedArguments(DemoOptions? options, bool helpRequested, string? error)
    {
        Options = options;
        HelpRequested = helpRequested;
        Error = error;
    }

    public DemoOptions? Options { get; }

    public bool HelpRequested { get; }

    /// <summary>Why the command line was refused, in one sentence naming the option and the value.</summary>
    public string? Error { get; }

    public static ParsedArguments Run(DemoOptions options) => new(options, false, null);

    public static ParsedArguments Help() => new(null, true, null);

    public static ParsedArguments Fail(string error) => new(null, false, error);
}
