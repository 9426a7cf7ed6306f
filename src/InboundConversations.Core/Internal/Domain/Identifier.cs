namespace InboundConversations.Internal.Domain;

/// <summary>The one place where the rules for text identifiers live.</summary>
internal static class Identifier
{
    /// <summary>The longest identifier accepted, in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    public static string Validate(string? value, string kind) =>
        Problem(value) is { } problem ? throw new InvalidIdentifierException(kind, problem) : value!;

    /// <summary>Why <paramref name="value"/> is not a valid identifier, or <see langword="null"/> if it is.</summary>
    public static string? Problem(string? value)
    {
        if (value is null)
        {
            return "it is null";
        }

        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            return "it is empty or white space";
        }

        if (value.Length > MaxLength)
        {
            return $"it is {value.Length} characters long; the most is {MaxLength}";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return "it contains a control character";
            }
        }

        return StorableText.Problem(value);
    }

    public static void Require(bool isEmpty, string kind)
    {
        if (isEmpty)
        {
            throw new InvalidIdentifierException(kind, "it is missing (the default value)");
        }
    }
}
