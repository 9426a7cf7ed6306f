namespace InboundConversations.Storage;

/// <summary>
/// A conversation as of one stored version: what an agent reservation is taken for, and what a release is measured
/// against (<see cref="IAgentDirectory.ReleaseAsync"/> gives back only a reservation taken for an earlier version).
/// </summary>
/// <param name="Conversation">The conversation.</param>
/// <param name="Version">Its <see cref="InboundConversations.Conversation.Version"/> as read or stored.</param>
public readonly record struct ConversationVersion(ConversationId Conversation, long Version)
{
    /// <summary>The conversation's id and version.</summary>
    /// <param name="conversation">A stored snapshot.</param>
    /// <returns>Its id and version.</returns>
    public static ConversationVersion Of(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return new(conversation.Id, conversation.Version);
    }
}
