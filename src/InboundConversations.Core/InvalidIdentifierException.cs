namespace InboundConversations;

/// <summary>
/// An id is missing, empty, white space, too long or otherwise malformed. Nothing was stored. <see cref="InvalidRequestException.Field"/>
/// names the kind of id, for example <c>ContactId</c> or <c>ExternalId</c>.
/// </summary>
public sealed class InvalidIdentifierException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="identifierKind">Which kind of id was bad, for example <c>ContactId</c>.</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidIdentifierException(string identifierKind, string reason)
        : base(identifierKind, InvalidRequestReason.InvalidIdentifier, $"The {identifierKind} is not valid: {reason}.")
    {
    }
}
