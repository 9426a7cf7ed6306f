namespace InboundConversations;

/// <summary>
/// The actor named for an action may not take it: for example a contact closing a conversation, an agent
/// without an id, or a missing actor. Nothing was stored.
/// </summary>
public sealed class InvalidActorException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actorKind">The kind of actor that was named.</param>
    /// <param name="action">The action it tried.</param>
    /// <param name="field">The request's field that named the actor, for example <c>ClosedBy</c>.</param>
    public InvalidActorException(ActorKind actorKind, string action, string field = "Actor")
        : base(field, InvalidRequestReason.ActorNotAllowed, $"An actor of kind {actorKind} may not {action}.")
    {
        ActorKind = actorKind;
        Action = action;
    }

    /// <summary>The kind of actor that was refused.</summary>
    public ActorKind ActorKind { get; }

    /// <summary>The action it tried.</summary>
    public string Action { get; }
}
