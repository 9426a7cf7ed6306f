namespace InboundConversations;

/// <summary>Who opened a conversation. The inbound workflow runs for <see cref="Contact"/> conversations.</summary>
public enum ConversationSource
{
    /// <summary>The contact's message opened it (the contact had no open conversation).</summary>
    Contact = 1,

    /// <summary>An agent (a user of the inbox) opened it explicitly: the actor kind <see cref="ActorKind.Agent"/>.</summary>
    Agent,

    /// <summary>An automated workflow opened it.</summary>
    Workflow,

    /// <summary>The host's API opened it.</summary>
    Api,
}
