using InboundConversations.Demo.App;
using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Tests.App;

/// <summary>What every stretch shows, whatever the seed, and what the summary adds up to.</summary>
public sealed class StretchTests
{
    [Theory]
    [InlineData(2026)]
    [InlineData(1)]
    [InlineData(77)]
    public async Task Every_stretch_shows_a_queue_draining_a_redelivery_recognised_and_a_contact_coming_back(int seed)
    {
        using var output = new StringWriter();

        var summary = await DemoRun.RunAsync(new DemoOptions { Seed = seed }, DemoStore.InMemory, output, Palette.Plain);

        var text = output.ToString();
        text.Should().Contain("queued (nobody in billing available)").And.Contain("in the queue");
        text.Should().Contain("redelivers webhook").And.Contain("recognised: already in #1, nothing applied");
        text.Should().Contain("(back; #");
        text.Should().Contain("language=en").And.Contain("language=es");
        summary.RecognisedRedeliveries.Should().Be(summary.Redeliveries).And.BeGreaterThan(0);
        summary.ReturningContacts.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(2000)]
    public async Task Every_message_lands_once_no_contact_has_two_open_and_every_conversation_ends_closed(int contacts)
    {
        using var output = new StringWriter();

        var summary = await DemoRun.RunAsync(new DemoOptions { Contacts = contacts, Quiet = true }, DemoStore.InMemory, output, Palette.Plain);

        summary.MessagesStored.Should().Be(summary.MessagesSent);
        summary.MostOpenForOneContact.Should().Be(1);
        summary.StillOpen.Should().Be(0);
        summary.Replies.Should().Be(summary.Conversations);
        summary.Conversations.Should().BeGreaterThanOrEqualTo(contacts);
        summary.Teams.Sum(t => t.Conversations).Should().Be(summary.Conversations);
        summary.Agents.Sum(a => a.Conversations).Should().Be(summary.Conversations);
        summary.Agents.Sum(a => a.Queued).Should().Be(summary.Teams.Sum(t => t.Queued));
        summary.BackgroundPass.Should().Be(new ProcessDueResult(), "with no crash and no failure, the engine's own follow-ups leave the background pass nothing to do");
    }

    [Fact]
    public async Task An_agent_of_two_teams_is_shown_in_both_and_the_pass_is_printed()
    {
        using var output = new StringWriter();

        await DemoRun.RunAsync(new DemoOptions(), DemoStore.InMemory, output, Palette.Plain);

        var text = output.ToString();
        text.Should().Contain("support (bruno, mei, carla), billing (carla)").And.Contain("carla comes online (billing + support, up to 2 at once)");
        text.Should().Contain("background pass at the end: 0 runs resumed, 0 queued runs ended, 0 leftover reservations released, 0 queued conversations assigned (nothing was left behind)");
        text.Should().MatchRegex(@"carla\s+billing\+support\s+\d+");
    }
}
