namespace InboundConversations;

/// <summary>A message's content is null or empty. Nothing was stored.</summary>
public sealed class InvalidMessageContentException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the content was rejected.</param>
    public InvalidMessageContentException(string reason)
        : base("Content", InvalidRequestReason.InvalidContent, $"The message content is not valid: {reason}.")
    {
    }
}
