namespace InboundConversations;

/// <summary>
/// An optimistic update was rejected: the stored conversation's version is not the one the update was based on,
/// because something else changed it first. Nothing was stored; re-read and try again.
/// </summary>
/// <remarks>Storage adapters translate their provider's conflict into this type, so callers never see a provider exception for it.</remarks>
public sealed class ConcurrencyConflictException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conversationId">The conversation whose update was rejected.</param>
    /// <param name="expectedVersion">The version the update was based on.</param>
    /// <param name="innerException">The provider's own error, if any.</param>
    public ConcurrencyConflictException(ConversationId conversationId, long expectedVersion, Exception? innerException = null)
        : base($"Conversation {conversationId} is no longer at version {expectedVersion}; it was changed by someone else.", innerException)
    {
        ConversationId = conversationId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The conversation whose update was rejected.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The version the rejected update was based on.</summary>
    public long ExpectedVersion { get; }
}
