namespace InboundConversations;

/// <summary>
/// An explicit open (by an agent or the API) was refused because the contact already has an open conversation,
/// which <see cref="OpenConversationId"/> names. Nothing was stored.
/// </summary>
public sealed class OpenConversationExistsException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="openConversationId">The contact's open conversation.</param>
    public OpenConversationExistsException(ConversationId openConversationId)
        : base($"The contact already has an open conversation, {openConversationId}; a contact has at most one open conversation.")
    {
        OpenConversationId = openConversationId;
    }

    /// <summary>The contact's conversation that is already open: use it instead.</summary>
    public ConversationId OpenConversationId { get; }
}
