using Microsoft.AspNetCore.Mvc;

namespace InboundConversations.WebhookHost.Problems;

/// <summary>
/// The one table from exceptions to problem details: the library's specific exceptions, and the framework's for a
/// body it cannot read. The detail is the exception's message, which the library keeps to ids and states (never
/// message text); <c>error</c> names the exception for clients to switch on.
/// </summary>
internal static class ProblemMapping
{
    /// <summary>The problem for an expected exception; <see langword="null"/> for any other, which stays a 500.</summary>
    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        BadHttpRequestException unreadable => Problem(unreadable.StatusCode, "The request could not be read.", unreadable, "UnreadableRequest"),

        // The whole family of input errors: InvalidIdentifierException, MessageTooLargeException and the others derive from it.
        InvalidRequestException
            => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", exception),

        ConversationNotFoundException or AgentNotFoundException
            => Problem(StatusCodes.Status404NotFound, "Not found.", exception),

        ConversationClosedException or InvalidConversationTransitionException or OpenConversationExistsException
            or AgentNotInTeamException or AgentUnavailableException or ConcurrencyConflictException
            => Problem(StatusCodes.Status409Conflict, "The current state does not allow it.", exception),

        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, Exception exception, string? error = null) => new()
    {
        Status = status,
        Title = title,
        Detail = exception.Message,
        Extensions = { ["error"] = error ?? exception.GetType().Name.Replace("Exception", "", StringComparison.Ordinal) },
    };
}
