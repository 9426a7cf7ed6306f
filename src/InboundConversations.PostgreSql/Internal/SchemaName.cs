using System.Text.RegularExpressions;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>The rules for <see cref="PostgreSqlOptions.Schema"/>, and its quoted form for SQL text.</summary>
internal static partial class SchemaName
{
    public static string? Problem(string? schema) => schema switch
    {
        null => "it is null",
        _ when !Pattern().IsMatch(schema) =>
            $"'{schema}' is not a valid schema name: use lower-case letters, digits and underscores, starting with a letter or an underscore, at most 63 characters",
        _ when schema.StartsWith("pg_", StringComparison.Ordinal) => $"'{schema}' starts with pg_, which PostgreSQL reserves",
        _ => null,
    };

    /// <summary>The schema as a quoted identifier, after checking it.</summary>
    /// <exception cref="ArgumentException">The name breaks the rules.</exception>
    public static string Quote(string? schema) =>
        Problem(schema) is { } problem
            ? throw new ArgumentException($"{nameof(PostgreSqlOptions)}.{nameof(PostgreSqlOptions.Schema)}: {problem}.", nameof(schema))
            : "\"" + schema + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
