namespace InboundConversations;

/// <summary>Why a request was refused before anything was stored: the <see cref="InvalidRequestException.Reason"/> a host switches on.</summary>
public enum InvalidRequestReason
{
    /// <summary>A field is missing or out of range (a closing note too long, a transfer that names no destination, a capacity below 1).</summary>
    InvalidValue = 1,

    /// <summary>An id is missing, empty, white space, too long or otherwise malformed (<see cref="InvalidIdentifierException"/>).</summary>
    InvalidIdentifier,

    /// <summary>Message content is empty, white space, or holds characters no store can keep (<see cref="InvalidMessageContentException"/>).</summary>
    InvalidContent,

    /// <summary>Message content is longer than <see cref="InboundConversationsOptions.MaxContentLength"/> (<see cref="MessageTooLargeException"/>).</summary>
    ContentTooLarge,

    /// <summary>A message's sent-at time is further ahead of the clock than <see cref="InboundConversationsOptions.MaxClockSkew"/> (<see cref="MessageSentInFutureException"/>).</summary>
    SentInFuture,

    /// <summary>The actor may not do what was asked: a contact cannot close, assign or send through the engine (<see cref="InvalidActorException"/>).</summary>
    ActorNotAllowed,
}
