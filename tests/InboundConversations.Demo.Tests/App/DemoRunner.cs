using InboundConversations.Demo.App;

namespace InboundConversations.Demo.Tests.App;

/// <summary>Runs the demo's command as <c>dotnet run</c> would, capturing what it writes to each stream.</summary>
internal static class DemoRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(bool colour, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DemoApp.RunAsync(args, output, error, colour);
        return (exitCode, output.ToString(), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(false, args);
}
