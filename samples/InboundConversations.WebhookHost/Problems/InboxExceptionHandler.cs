using Microsoft.AspNetCore.Diagnostics;

namespace InboundConversations.WebhookHost.Problems;

/// <summary>Writes the problem details of <see cref="ProblemMapping"/>; anything it does not map is left to the default 500.</summary>
internal sealed class InboxExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ProblemMapping.ToProblem(exception) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
