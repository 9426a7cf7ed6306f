namespace InboundConversations;

/// <summary>
/// The base of every exception the library throws on purpose: catch this to handle all of them.
/// When one is thrown for bad input or a disallowed transition, nothing was stored.
/// </summary>
/// <remarks>Messages name ids and states, never message content or contact addresses, so they are safe to log.</remarks>
public abstract class InboundConversationsException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What went wrong, safe to log.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected InboundConversationsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
