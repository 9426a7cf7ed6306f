namespace InboundConversations;

/// <summary>
/// The actor named for an action may not take it: for example a contact closing a conversation, an agent
/// without an id, or a missing actor. Nothing was stored.
/// </summary>
public sealed class InvalidActorException : InboundConversationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actorKind">The kind of actor that was named.</param>
    /// <param name="action">The action it tried.</param>
    public InvalidActorException(ActorKind actorKind, string action)
        : base($"An actor of kind {actorKind} may not {action}.")
    {
        ActorKind = actorKind;
        Action = action;
    }

    /// <summary>The kind of actor that was refused.</summary>
    public ActorKind ActorKind { get; }

    /// <summary>The action it tried.</summary>
    public string Action { get; }
}
