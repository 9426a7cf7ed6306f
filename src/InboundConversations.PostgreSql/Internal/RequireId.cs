namespace InboundConversations.PostgreSql.Internal;

/// <summary>The id checks the in-memory adapters make, with the same exception, before any database call.</summary>
internal static class RequireId
{
    /// <exception cref="InvalidIdentifierException"><paramref name="isEmpty"/> is true: the id is the default value.</exception>
    public static void Present(bool isEmpty, string kind)
    {
        if (isEmpty)
        {
            throw new InvalidIdentifierException(kind, "it is missing (the default value)");
        }
    }
}
