using System.Net;
using System.Net.Http.Json;
using System.Text;
using InboundConversations.WebhookHost.Tests.Support;

namespace InboundConversations.WebhookHost.Tests;

/// <summary>Bad deliveries on <c>POST /webhooks/{channel}</c>: each gets its 4xx with a problem-details body, and stores nothing.</summary>
public sealed class WebhookProblemTests
{
    [Theory]
    [InlineData("messageId")]
    [InlineData("from")]
    [InlineData("text")]
    [InlineData("timestamp")]
    public async Task Webhook_WithAFieldMissing_Answers400ValidationProblemNamingTheField(string missing)
    {
        await using var host = await RunningHost.StartAsync();
        var fields = new Dictionary<string, object>
        {
            ["messageId"] = "wamid.1",
            ["from"] = Api.Contact,
            ["text"] = "Hello",
            ["timestamp"] = host.Clock.GetUtcNow(),
        };
        fields.Remove(missing);

        await host.Client.PostAsJsonAsync("/webhooks/whatsapp", fields).ShouldBeValidationProblemAsync(missing);

        await ShouldStoreNothingAsync(host, "wamid.1");
    }

    [Fact]
    public async Task Webhook_WithMalformedJson_Answers400UnreadableRequest()
    {
        await using var host = await RunningHost.StartAsync();

        await host.PostJsonAsync("/webhooks/whatsapp", """{ "messageId": "wamid.1", "from": """)
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "UnreadableRequest");
    }

    [Fact]
    public async Task Webhook_WithATimestampThatIsNotADate_Answers400UnreadableRequest()
    {
        await using var host = await RunningHost.StartAsync();

        await host.PostJsonAsync("/webhooks/whatsapp", """{ "messageId": "wamid.1", "from": "+34600000001", "text": "Hi", "timestamp": "yesterday" }""")
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "UnreadableRequest");
    }

    [Fact]
    public async Task Webhook_WithAnotherContentType_Answers415Problem()
    {
        await using var host = await RunningHost.StartAsync();

        await host.Client.PostAsync("/webhooks/whatsapp", new StringContent("messageId=wamid.1", Encoding.UTF8, "text/plain"))
            .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Webhook_WithTextOverTheConfiguredMaxContentLength_Answers400MessageTooLarge_AndStoresNothing()
    {
        await using var host = await RunningHost.StartAsync();

        var problem = await host.PostWebhookAsync("wamid.1", new string('a', 4_097))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MessageTooLarge");

        problem.Text("detail").Should().Contain("4096", "appsettings.json sets InboundConversations:MaxContentLength");
        await ShouldStoreNothingAsync(host, "wamid.1");
        (await host.PostWebhookAsync("wamid.2", new string('a', 4_096)).ShouldAnswerAsync()).Text("outcome").Should().Be("appended", "4,096 characters is the limit itself");
    }

    [Fact]
    public async Task Webhook_WithEmptyText_Answers400InvalidMessageContent()
    {
        await using var host = await RunningHost.StartAsync();

        await host.PostWebhookAsync("wamid.1", "").ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidMessageContent");

        await ShouldStoreNothingAsync(host, "wamid.1");
    }

    [Fact]
    public async Task Webhook_WithATimestampBeyondTheClockSkew_Answers400MessageSentInFuture_ByTheHostsClock()
    {
        await using var host = await RunningHost.StartAsync();
        var now = host.Clock.GetUtcNow();

        await host.PostWebhookAsync("wamid.1", "Hello", now.AddMinutes(6))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MessageSentInFuture");
        (await host.PostWebhookAsync("wamid.2", "Hello", now.AddMinutes(4)).ShouldAnswerAsync()).Text("outcome").Should().Be("opened");
    }

    [Fact]
    public async Task Webhook_WithAnEmptySender_Answers400InvalidIdentifier()
    {
        await using var host = await RunningHost.StartAsync();

        var problem = await host.Client.PostAsJsonAsync("/webhooks/whatsapp", new { messageId = "wamid.1", from = " ", text = "Hi", timestamp = host.Clock.GetUtcNow() })
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidIdentifier");

        problem.Text("detail").Should().Contain("ContactId");
    }

    [Fact]
    public async Task Webhook_OnAChannelNameOverTheIdentifierLimit_Answers400InvalidIdentifier()
    {
        await using var host = await RunningHost.StartAsync();

        var problem = await host.PostWebhookAsync("wamid.1", "Hello", channel: new string('c', 257))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidIdentifier");

        problem.Text("detail").Should().Contain("ChannelId");
    }

    /// <summary>A rejected delivery left no trace: the same message id, sent properly, is a first delivery.</summary>
    private static async Task ShouldStoreNothingAsync(RunningHost host, string messageId)
    {
        var retried = await host.PostWebhookAsync(messageId, "Hello").ShouldAnswerAsync();
        retried.Text("outcome").Should().Be("opened");
    }
}
