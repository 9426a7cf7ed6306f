using System.Net;
using System.Net.Http.Json;
using InboundConversations.WebhookHost.Tests.Support;

namespace InboundConversations.WebhookHost.Tests;

/// <summary>Bad presence changes, unknown teams and routes: each a 4xx problem.</summary>
public sealed class AgentAndTeamProblemTests
{
    [Fact]
    public async Task SetPresence_ForAnAgentNotRegistered_Answers404AgentNotFound()
    {
        await using var host = await RunningHost.StartAsync();

        await host.SetPresenceAsync("zoe", "online").ShouldBeProblemAsync(HttpStatusCode.NotFound, "AgentNotFound");
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("1")]
    public async Task SetPresence_ToAnUnknownPresence_Answers400UnreadableRequest_AndChangesNothing(string presence)
    {
        await using var host = await RunningHost.StartAsync();

        await host.Client.PutAsync("/agents/ana/presence", JsonContent.Create(new { presence = presence == "1" ? (object)1 : presence }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "UnreadableRequest");

        (await host.Client.GetAsync("/agents/ana").ShouldAnswerAsync()).Text("presence").Should().Be("offline");
    }

    [Fact]
    public async Task SetPresence_WithoutAPresence_Answers400ValidationProblem()
    {
        await using var host = await RunningHost.StartAsync();

        await host.Client.PutAsJsonAsync("/agents/ana/presence", new { }).ShouldBeValidationProblemAsync("presence");
    }

    [Fact]
    public async Task GetAgent_NotRegistered_Answers404AgentNotFound()
    {
        await using var host = await RunningHost.StartAsync();

        await host.Client.GetAsync("/agents/zoe").ShouldBeProblemAsync(HttpStatusCode.NotFound, "AgentNotFound");
    }

    [Fact]
    public async Task GetQueue_OfATeamTheWorkflowNeverRoutesTo_Answers404TeamNotFound()
    {
        await using var host = await RunningHost.StartAsync();

        await host.GetQueueAsync("marketing").ShouldBeProblemAsync(HttpStatusCode.NotFound, "TeamNotFound");
    }

    [Fact]
    public async Task UnknownRoute_Answers404Problem()
    {
        await using var host = await RunningHost.StartAsync();

        await host.Client.GetAsync("/nowhere").ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
