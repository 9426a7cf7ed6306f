using System.Net;
using InboundConversations.WebhookHost.Tests.Support;

namespace InboundConversations.WebhookHost.Tests;

/// <summary>
/// The whole inbound cycle over HTTP against the real host. No waiting anywhere: a webhook that opens a conversation
/// is answered after the library's workflow has assigned or queued it, and a presence change after the queue drained.
/// </summary>
public sealed class FullCycleTests
{
    [Fact]
    public async Task FullCycle_QueuedUntilAnAgentComesOnline_RedeliveryAddsNothing_AndTheNextMessageAfterTheCloseOpensANewConversation()
    {
        await using var host = await RunningHost.StartAsync();

        // A first delivery opens a conversation; the keywords say sales, and no sales agent is online: queued.
        var opened = await host.PostWebhookAsync("wamid.1", "What is the price of the premium plan?").ShouldAnswerAsync();
        opened.Text("outcome").Should().Be("opened");
        opened.GetProperty("redelivery").GetBoolean().Should().BeFalse();
        var id = opened.Text("conversationId");
        var queued = (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation");
        queued.Text("state").Should().Be("queued");
        queued.Text("team").Should().Be("sales");
        queued.Text("source").Should().Be("contact");
        queued.Text("contact").Should().Be(Api.Contact);
        queued.IsNull("assignee").Should().BeTrue();
        queued.GetProperty("openedAt").GetDateTimeOffset().Should().Be(RunningHost.Start, "the library's clock is the host's TimeProvider");
        (await host.QueuedIdsAsync("sales")).Should().Equal(id);

        // Ana comes online: the sales queue drains into her capacity before the answer.
        var ana = await host.SetPresenceAsync("ana", "online").ShouldAnswerAsync();
        ana.Text("presence").Should().Be("online");
        ana.GetProperty("openConversations").GetInt32().Should().Be(1);
        var assigned = (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("conversation");
        assigned.Text("state").Should().Be("assigned");
        assigned.Text("assignee").Should().Be("ana");
        (await host.QueuedIdsAsync("sales")).Should().BeEmpty();

        // The contact writes again while it is open: the message joins it.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var joined = await host.PostWebhookAsync("wamid.2", "It is for a team of five").ShouldAnswerAsync();
        joined.Text("outcome").Should().Be("appended");
        joined.Text("conversationId").Should().Be(id);

        // Ana replies.
        var reply = await host.ReplyAsync(id, "ana", "The premium plan is 20 EUR per seat.").ShouldAnswerAsync(HttpStatusCode.Created);
        reply.Text("direction").Should().Be("outbound");
        reply.Text("author").Should().Be("Agent:ana");
        reply.GetProperty("sequence").GetInt64().Should().Be(3);

        // The provider redelivers the first message: 200, recognised, the original ids, nothing added.
        var redelivered = await host.PostWebhookAsync("wamid.1", "What is the price of the premium plan?").ShouldAnswerAsync();
        redelivered.Text("outcome").Should().Be("duplicate");
        redelivered.GetProperty("redelivery").GetBoolean().Should().BeTrue();
        redelivered.Text("detail").Should().Contain("not applied again");
        redelivered.Text("conversationId").Should().Be(id);
        redelivered.Text("messageId").Should().Be(opened.Text("messageId"));
        var messages = (await host.GetConversationAsync(id).ShouldAnswerAsync()).GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.Text("direction")).Should().Equal("inbound", "inbound", "outbound");
        messages.Select(m => m.GetProperty("sequence").GetInt64()).Should().Equal(1, 2, 3);
        messages[0].Text("externalId").Should().Be("wamid.1");

        // Ana closes it; her capacity comes back.
        var closed = await host.CloseAsync(id, "ana").ShouldAnswerAsync();
        closed.Text("state").Should().Be("closed");
        closed.GetProperty("closure").Text("closedBy").Should().Be("Agent:ana");
        closed.GetProperty("closure").Text("category").Should().Be("resolved");
        (await host.Client.GetAsync("/agents/ana").ShouldAnswerAsync()).GetProperty("openConversations").GetInt32().Should().Be(0);

        // The contact's next message opens a new conversation, assigned at once: Ana is online with room.
        var next = await host.PostWebhookAsync("wamid.3", "One more question about the price").ShouldAnswerAsync();
        next.Text("outcome").Should().Be("opened");
        next.Text("conversationId").Should().NotBe(id);
        var second = (await host.GetConversationAsync(next.Text("conversationId")).ShouldAnswerAsync()).GetProperty("conversation");
        second.Text("state").Should().Be("assigned");
        second.Text("assignee").Should().Be("ana");
        var first = await host.GetConversationAsync(id).ShouldAnswerAsync();
        first.GetProperty("conversation").Text("state").Should().Be("closed");
        first.GetProperty("messages").GetArrayLength().Should().Be(3, "a closed conversation is never reopened");
    }

    [Theory]
    [InlineData("How much is the price?", "sales", "ana")]
    [InlineData("Necesito la factura de marzo", "billing", "ben")]
    [InlineData("The app shows an error", "support", null)]
    public async Task Webhook_WithAgentsOnline_RoutesByKeywordIntent_AndAssignsATeamMemberBeforeAnswering(string text, string team, string? onlyMember)
    {
        await using var host = await RunningHost.StartAsync();
        await host.SetPresenceAsync("ana", "online").ShouldAnswerAsync();
        await host.SetPresenceAsync("ben", "online").ShouldAnswerAsync();

        var opened = await host.PostWebhookAsync("wamid.1", text).ShouldAnswerAsync();

        var conversation = (await host.GetConversationAsync(opened.Text("conversationId")).ShouldAnswerAsync()).GetProperty("conversation");
        conversation.Text("state").Should().Be("assigned");
        conversation.Text("team").Should().Be(team);
        if (onlyMember is null)
        {
            conversation.Text("assignee").Should().BeOneOf("ana", "ben");
        }
        else
        {
            conversation.Text("assignee").Should().Be(onlyMember);
        }
    }
}
