using System.Net;
using System.Net.Http.Json;
using InboundConversations.WebhookHost.Tests.Support;

namespace InboundConversations.WebhookHost.Tests;

/// <summary>Bad agent requests: unknown or closed conversations, unknown agents, bad bodies; each a 4xx problem.</summary>
public sealed class ConversationProblemTests
{
    private static readonly string Unknown = Guid.CreateVersion7().ToString();

    [Fact]
    public async Task GetConversation_Unknown_Answers404ConversationNotFound()
    {
        await using var host = await RunningHost.StartAsync();

        await host.GetConversationAsync(Unknown).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task GetConversation_WithAMalformedId_Answers400InvalidIdentifier(string id)
    {
        await using var host = await RunningHost.StartAsync();

        await host.GetConversationAsync(id).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidIdentifier");
    }

    [Fact]
    public async Task Reply_ToAnUnknownConversation_Answers404ConversationNotFound()
    {
        await using var host = await RunningHost.StartAsync();

        await host.ReplyAsync(Unknown, "ana", "Hi").ShouldBeProblemAsync(HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Fact]
    public async Task Reply_ByAnAgentNotRegistered_Answers404AgentNotFound_AndRecordsNothing()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);

        await host.ReplyAsync(id, "zoe", "Hi").ShouldBeProblemAsync(HttpStatusCode.NotFound, "AgentNotFound");

        (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("messages").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Reply_WithoutText_Answers400ValidationProblem()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);

        await host.Client.PostAsJsonAsync($"/conversations/{id}/replies", new { agentId = "ana" }).ShouldBeValidationProblemAsync("text");
    }

    [Fact]
    public async Task Reply_WithEmptyText_Answers400InvalidMessageContent()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);

        await host.ReplyAsync(id, "ana", "").ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidMessageContent");
    }

    [Fact]
    public async Task Reply_ToAClosedConversation_Answers409ConversationClosed_AndRecordsNothing()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);
        await host.CloseAsync(id, "ana").ShouldAnswerAsync();

        await host.ReplyAsync(id, "ana", "Anything else?").ShouldBeProblemAsync(HttpStatusCode.Conflict, "ConversationClosed");

        (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("messages").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Close_Twice_Answers409ConversationClosed_AndKeepsTheFirstClosure()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);
        await host.CloseAsync(id, "ana", "resolved").ShouldAnswerAsync();

        await host.CloseAsync(id, "ben", "spam").ShouldBeProblemAsync(HttpStatusCode.Conflict, "ConversationClosed");

        var closure = (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation").GetProperty("closure");
        closure.Text("closedBy").Should().Be("Agent:ana");
        closure.Text("category").Should().Be("resolved");
    }

    [Fact]
    public async Task Close_AnUnknownConversation_Answers404ConversationNotFound()
    {
        await using var host = await RunningHost.StartAsync();

        await host.CloseAsync(Unknown, "ana").ShouldBeProblemAsync(HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Fact]
    public async Task Close_WithoutAnAgent_Answers400ValidationProblem()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);

        await host.Client.PostAsJsonAsync($"/conversations/{id}/close", new { category = "resolved" }).ShouldBeValidationProblemAsync("agentId");
    }

    [Fact]
    public async Task Close_WithACategoryOverTheLimit_Answers400InvalidRequest_AndLeavesItOpen()
    {
        await using var host = await RunningHost.StartAsync();
        var id = await OpenAsync(host);

        await host.CloseAsync(id, "ana", new string('x', 129)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidRequest");

        (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation").Text("state").Should().Be("queued");
    }

    /// <summary>Opens a conversation for <see cref="Api.Contact"/> (queued: no agent is online) and returns its id.</summary>
    private static async Task<string> OpenAsync(RunningHost host) =>
        (await host.PostWebhookAsync("wamid.1", "Hello").ShouldAnswerAsync()).Text("conversationId");
}
