using System.Net;
using System.Text.Json;

namespace InboundConversations.WebhookHost.Tests.Support;

/// <summary>Checks a 4xx answer is a problem-details body (RFC 9457) with the status and error expected.</summary>
internal static class ProblemAssertions
{
    /// <summary>A mapped error: <c>status</c>, a <c>title</c>, a <c>detail</c> and the <c>error</c> name.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string error)
    {
        var problem = await ReadProblemAsync(call, status);
        problem.Text("error").Should().Be(error);
        problem.Text("detail").Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>A 400 validation problem whose <c>errors</c> name exactly the fields given.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this Task<HttpResponseMessage> call, params string[] fields)
    {
        var problem = await ReadProblemAsync(call, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().BeEquivalentTo(fields);
        return problem;
    }

    /// <summary>Any problem-details body with the status: also the framework's own (an unknown route).</summary>
    public static async Task<JsonElement> ReadProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the body was {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.Text("title").Should().NotBeNullOrWhiteSpace();
        return problem;
    }
}
