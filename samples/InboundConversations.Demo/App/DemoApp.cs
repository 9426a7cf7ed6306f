using System.Globalization;
using InboundConversations.Demo.Reporting;
using Npgsql;

namespace InboundConversations.Demo.App;

/// <summary>
/// The command: read the options, then print help, refuse them (exit code 2), or run the demo (exit code 0; 1 when
/// PostgreSQL fails it: unreachable, refused the login, or any other database error).
/// </summary>
internal static class DemoApp
{
    public const int Success = 0;
    public const int StoreFailed = 1;
    public const int BadOptions = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool colour)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var parsed = DemoOptionsParser.Parse(args);
        if (parsed.HelpRequested)
        {
            await output.WriteLineAsync(DemoOptionsParser.Usage).ConfigureAwait(false);
            return Success;
        }

        if (parsed.Options is not { } options)
        {
            await error.WriteLineAsync($"error: {parsed.Error}").ConfigureAwait(false);
            await error.WriteLineAsync("Run with --help to see the options.").ConfigureAwait(false);
            return BadOptions;
        }

        var store = DemoStore.For(options, TimeProvider.System);

        // Dates and numbers print the same whatever the machine's culture: part of byte-identical output.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            await DemoRun.RunAsync(options, store, output, new Palette(colour)).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            await output.FlushAsync().ConfigureAwait(false);
            await error.WriteLineAsync($"error: PostgreSQL failed the run: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync($"The run's schema, if it was created: {store.Schema} (drop schema {store.Schema} cascade; removes it).").ConfigureAwait(false);
            return StoreFailed;
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        await output.FlushAsync().ConfigureAwait(false);
        return Success;
    }
}
