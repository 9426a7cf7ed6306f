namespace InboundConversations.Internal.Domain;

/// <summary>The one place where the rules for text identifiers live.</summary>
internal static class Identifier
{
    /// <summary>The longest identifier accepted, in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    public static string Validate(string? value, string kind)
    {
        if (value is null)
        {
            throw new InvalidIdentifierException(kind, "it is null");
        }

        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidIdentifierException(kind, "it is empty or white space");
        }

        if (value.Length > MaxLength)
        {
            throw new InvalidIdentifierException(kind, $"it is {value.Length} characters long; the most is {MaxLength}");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new InvalidIdentifierException(kind, "it contains a control character");
            }
        }

        if (StorableText.Problem(value) is { } problem)
        {
            throw new InvalidIdentifierException(kind, problem);
        }

        return value;
    }

    public static void Require(bool isEmpty, string kind)
    {
        if (isEmpty)
        {
            throw new InvalidIdentifierException(kind, "it is missing (the default value)");
        }
    }
}
