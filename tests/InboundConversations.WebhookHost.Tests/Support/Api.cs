using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InboundConversations.WebhookHost.Tests.Support;

/// <summary>The sample's endpoints as calls, and reading their JSON answers.</summary>
internal static class Api
{
    /// <summary>The contact the tests write as: the sample takes the sender's address as the contact id.</summary>
    public const string Contact = "+34600000001";

    public static Task<HttpResponseMessage> PostWebhookAsync(
        this RunningHost host, string messageId, string text, DateTimeOffset? timestamp = null, string channel = "whatsapp") =>
        host.Client.PostAsJsonAsync($"/webhooks/{channel}", new { messageId, from = Contact, text, timestamp = timestamp ?? host.Clock.GetUtcNow() });

    public static Task<HttpResponseMessage> PostJsonAsync(this RunningHost host, string path, string json) =>
        host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> SetPresenceAsync(this RunningHost host, string agent, string presence) =>
        host.Client.PutAsJsonAsync($"/agents/{agent}/presence", new { presence });

    public static Task<HttpResponseMessage> ReplyAsync(this RunningHost host, string conversationId, string agentId, string text) =>
        host.Client.PostAsJsonAsync($"/conversations/{conversationId}/replies", new { agentId, text });

    public static Task<HttpResponseMessage> CloseAsync(this RunningHost host, string conversationId, string agentId, string category = "resolved") =>
        host.Client.PostAsJsonAsync($"/conversations/{conversationId}/close", new { agentId, category });

    public static Task<HttpResponseMessage> GetConversationAsync(this RunningHost host, string conversationId) =>
        host.Client.GetAsync($"/conversations/{conversationId}");

    public static Task<HttpResponseMessage> GetQueueAsync(this RunningHost host, string team) =>
        host.Client.GetAsync($"/teams/{team}/queue");

    /// <summary>Asserts the status (200 unless told) and returns the JSON body; a failure shows the body.</summary>
    public static async Task<JsonElement> ShouldAnswerAsync(this Task<HttpResponseMessage> call, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the body was {0}", text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Text(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"'{property}' is null");

    public static bool IsNull(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null;

    /// <summary>The ids of a team's queued conversations, first queued first.</summary>
    public static async Task<IReadOnlyList<string>> QueuedIdsAsync(this RunningHost host, string team)
    {
        var queue = await host.GetQueueAsync(team).ShouldAnswerAsync();
        return [.. queue.GetProperty("queued").EnumerateArray().Select(conversation => conversation.Text("id"))];
    }
}
