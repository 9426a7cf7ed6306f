using System.Globalization;
using Npgsql;

namespace InboundConversations.Demo.App;

/// <summary>
/// Reads <c>--contacts N</c>, <c>--seed S</c>, <c>--postgres C</c>, <c>--quiet</c> and <c>--help</c> (also as
/// <c>--name=value</c>).
/// Anything else, a missing or malformed value, a value out of range or an option given twice is refused.
/// </summary>
internal static class DemoOptionsParser
{
    public static readonly string Usage = $"""
        Usage: dotnet run --project samples/InboundConversations.Demo -- [options]

        Simulates a stretch of inbound traffic on the library's in-memory default (or on PostgreSQL), with a
        simulated clock, and prints each conversation's cycle as a timeline, then a summary per team and per agent.
        Queue timeouts, auto-closes and snoozes run on the same clock, fired by a background pass every minute.

        Options:
          --contacts N   how many contacts write in, 1 to {DemoOptions.MaxContacts} (default {DemoOptions.DefaultContacts})
          --seed S       the seed of the simulation, 0 to {int.MaxValue} (default {DemoOptions.DefaultSeed});
                         the same seed prints the same output, byte for byte
          --postgres C   store the inbox in PostgreSQL (Npgsql connection string C, e.g.
                         "Host=localhost;Username=me;Password=secret;Database=inbox") instead of in memory;
                         each run creates a fresh schema, inbound_demo_<UTC time>_<random hex>, prints its name
                         after the summary and never drops it (drop schema <name> cascade removes it)
          --quiet, -q    print only the summary
          --help, -h     print this help

        Colour is used only when the output is a terminal; set NO_COLOR to turn it off.
        Exit codes: 0 done, 1 PostgreSQL failed, 2 bad options.
        """;

    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DemoOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            var canonical = name switch
            {
                "--contacts" => "--contacts",
                "--seed" => "--seed",
                "--postgres" => "--postgres",
                "--quiet" or "-q" => "--quiet",
                "--help" or "-h" => "--help",
                _ => null,
            };
            if (canonical is null)
            {
                return ParsedArguments.Fail($"unknown option '{args[i]}'");
            }

            if (!seen.Add(canonical))
            {
                return ParsedArguments.Fail($"{canonical} is given more than once");
            }

            switch (canonical)
            {
                case "--help":
                    return ParsedArguments.Help();
                case "--quiet":
                    if (inlineValue is not null)
                    {
                        return ParsedArguments.Fail("--quiet takes no value");
                    }

                    options = options with { Quiet = true };
                    continue;
            }

            var value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return ParsedArguments.Fail($"{canonical} needs a value");
                }

                value = args[++i];
            }

            if (canonical == "--postgres")
            {
                if (ConnectionStringProblem(value) is { } problem)
                {
                    return ParsedArguments.Fail($"--postgres {problem}");
                }

                options = options with { PostgreSql = value };
            }
            else if (canonical == "--contacts")
            {
                if (!TryReadInteger(value, 1, DemoOptions.MaxContacts, out var contacts))
                {
                    return ParsedArguments.Fail($"--contacts must be a whole number from 1 to {DemoOptions.MaxContacts}, not '{value}'");
                }

                options = options with { Contacts = contacts };
            }
            else
            {
                if (!TryReadInteger(value, 0, int.MaxValue, out var seed))
                {
                    return ParsedArguments.Fail($"--seed must be a whole number from 0 to {int.MaxValue}, not '{value}'");
                }

                options = options with { Seed = seed };
            }
        }

        return ParsedArguments.Run(options);
    }

    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 2
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    /// <summary>Why Npgsql would refuse <paramref name="text"/>, without repeating it (it may hold a password).</summary>
    private static string? ConnectionStringProblem(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "needs a connection string, not an empty value";
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(text);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"is not a valid Npgsql connection string: {e.Message}";
        }
    }

    private static bool TryReadInteger(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
