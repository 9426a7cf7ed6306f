namespace InboundConversations;

/// <summary>
/// A message's content is longer than <see cref="InboundConversationsOptions.MaxContentLength"/>. Nothing was stored.
/// </summary>
public sealed class MessageTooLargeException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="length">The content's length, in UTF-16 code units.</param>
    /// <param name="maxLength">The configured maximum.</param>
    public MessageTooLargeException(int length, int maxLength)
        : base("Content", InvalidRequestReason.ContentTooLarge, $"The message content is {length} characters long; the most accepted is {maxLength}.")
    {
        Length = length;
        MaxLength = maxLength;
    }

    /// <summary>The rejected content's length, in UTF-16 code units.</summary>
    public int Length { get; }

    /// <summary>The configured maximum length.</summary>
    public int MaxLength { get; }
}
