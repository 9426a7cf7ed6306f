namespace InboundConversations;

/// <summary>
/// A request field other than an id or message content is out of range (for example a closing note that is too
/// long, or a transfer that names no destination). Nothing was stored.
/// </summary>
/// <remarks>A <see langword="null"/> request object is a programming error and throws <see cref="ArgumentNullException"/>, as in .NET itself.</remarks>
public sealed class InvalidRequestException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The offending field.</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidRequestException(string field, string reason)
        : base($"The request's {field} is not valid: {reason}.")
    {
        Field = field;
    }

    /// <summary>The name of the offending field.</summary>
    public string Field { get; }
}
