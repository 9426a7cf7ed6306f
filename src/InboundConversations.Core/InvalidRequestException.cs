namespace InboundConversations;

/// <summary>
/// A request was refused before anything was stored: the one family of input errors. Catch this type and switch on
/// <see cref="Reason"/> (or on the derived types: <see cref="InvalidIdentifierException"/>,
/// <see cref="InvalidMessageContentException"/>, <see cref="MessageTooLargeException"/>,
/// <see cref="MessageSentInFutureException"/>, <see cref="InvalidActorException"/>); <see cref="Field"/> names the
/// offending field. Thrown as this exact type when a field is missing or out of range
/// (<see cref="InvalidRequestReason.InvalidValue"/>).
/// </summary>
/// <remarks>A <see langword="null"/> request object is a programming error and throws <see cref="ArgumentNullException"/>, as in .NET itself.</remarks>
#pragma warning disable CA1710 // The family's base keeps the name hosts catch; every derived type ends in Exception too.
public class InvalidRequestException : InboundConversationsException
#pragma warning restore CA1710
{
    /// <summary>Creates the exception for a field that is missing or out of range.</summary>
    /// <param name="field">The offending field.</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidRequestException(string field, string reason)
        : this(field, InvalidRequestReason.InvalidValue, $"The request's {field} is not valid: {reason}.")
    {
    }

    /// <summary>Creates the exception of a derived type: each reason but <see cref="InvalidRequestReason.InvalidValue"/> belongs to one of the library's own types.</summary>
    /// <param name="field">The offending field.</param>
    /// <param name="reason">Which rule the field broke.</param>
    /// <param name="message">The whole message.</param>
    private protected InvalidRequestException(string field, InvalidRequestReason reason, string message)
        : base(message)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The name of the offending field, for example <c>Category</c>, <c>ContactId</c> or <c>Content</c>.</summary>
    public string Field { get; }

    /// <summary>Which rule the field broke.</summary>
    public InvalidRequestReason Reason { get; }
}
