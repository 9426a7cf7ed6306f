namespace InboundConversations;

/// <summary>An id is missing, empty, white space, too long or otherwise malformed. Nothing was stored.</summary>
public sealed class InvalidIdentifierException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="identifierKind">Which kind of id was bad, for example <c>ContactId</c>.</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidIdentifierException(string identifierKind, string reason)
        : base($"The {identifierKind} is not valid: {reason}.")
    {
        IdentifierKind = identifierKind;
    }

    /// <summary>Which kind of id was bad, for example <c>ContactId</c> or <c>ExternalId</c>.</summary>
    public string IdentifierKind { get; }
}
