namespace InboundConversations;

/// <summary>
/// A message says it was sent further in the future than <see cref="InboundConversationsOptions.MaxClockSkew"/>
/// allows (a wrong clock or a wrong time zone at the channel). Nothing was stored.
/// </summary>
public sealed class MessageSentInFutureException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sentAt">The time the message claims.</param>
    /// <param name="now">The library's current time.</param>
    /// <param name="maxClockSkew">The configured tolerance.</param>
    public MessageSentInFutureException(DateTimeOffset sentAt, DateTimeOffset now, TimeSpan maxClockSkew)
        : base("SentAt", InvalidRequestReason.SentInFuture, $"The message's sent-at time {sentAt:O} is more than {maxClockSkew} after the current time {now:O}.")
    {
        SentAt = sentAt;
        Now = now;
    }

    /// <summary>The time the message claims it was sent.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>The library's time when the message was rejected.</summary>
    public DateTimeOffset Now { get; }
}
