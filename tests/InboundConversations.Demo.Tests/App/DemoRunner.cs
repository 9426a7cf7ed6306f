using System.Collections.Concurrent;
using InboundConversations.Demo.App;
using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Tests.App;

/// <summary>Runs the demo's command as <c>dotnet run</c> would, capturing what it writes to each stream.</summary>
internal static class DemoRunner
{
    private static readonly ConcurrentDictionary<int, Lazy<Task<InboxSummary>>> QuietRuns = new();

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(bool colour, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DemoApp.RunAsync(args, output, error, colour);
        return (exitCode, output.ToString(), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(false, args);

    /// <summary>
    /// The summary of a quiet in-memory run of the default seed with <paramref name="contacts"/> contacts, played once
    /// for all the tests that read it (the same options give the same run).
    /// </summary>
    public static Task<InboxSummary> QuietRunAsync(int contacts) =>
        QuietRuns.GetOrAdd(contacts, static contacts => new Lazy<Task<InboxSummary>>(async () =>
        {
            using var output = new StringWriter();
            return await DemoRun.RunAsync(new DemoOptions { Contacts = contacts, Quiet = true }, DemoStore.InMemory, output, Palette.Plain);
        })).Value;
}
