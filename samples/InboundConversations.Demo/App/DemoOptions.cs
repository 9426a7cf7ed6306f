namespace InboundConversations.Demo.App;

/// <summary>What the command line asked for. The defaults print a screen or two, the same on every run.</summary>
internal sealed record DemoOptions
{
    public const int DefaultContacts = 12;
    public const int MaxContacts = 100_000;
    public const int DefaultSeed = 2026;

    /// <summary>How many contacts write in over the stretch (each may come back after closure).</summary>
    public int Contacts { get; init; } = DefaultContacts;

    /// <summary>The seed of every random draw: the same seed prints byte-identical output.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Print only the closing summary, not the timeline.</summary>
    public bool Quiet { get; init; }

    /// <summary>
    /// An Npgsql connection string: store the inbox in a fresh schema of that database instead of the in-memory
    /// default. Null: the in-memory default.
    /// </summary>
    public string? PostgreSql { get; init; }
}
