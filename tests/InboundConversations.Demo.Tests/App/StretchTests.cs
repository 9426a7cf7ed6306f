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
        text.Should().Contain("queued (nobody in billing available)").And.MatchRegex(@"assigned to \w+ after [0-9ms ]+ in the queue");
        text.Should().Contain("redelivers webhook").And.Contain("recognised: already in #1, nothing applied");
        text.Should().Contain("(back; #");
        text.Should().Contain("language=en").And.Contain("language=es");
        summary.RecognisedRedeliveries.Should().Be(summary.Redeliveries).And.BeGreaterThan(0);
        summary.ReturningContacts.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(1)]
    [InlineData(77)]
    public async Task Every_stretch_shows_billings_queue_overflowing_to_support_an_auto_close_and_a_snooze_woken_by_the_contact(int seed)
    {
        using var output = new StringWriter();

        var summary = await DemoRun.RunAsync(new DemoOptions { Seed = seed }, DemoStore.InMemory, output, Palette.Plain);

        var text = output.ToString();
        text.Should().MatchRegex(@"\n\d\d:\d\d:00  background pass → #1 timed out after 15m \d\ds in billing's queue → overflows to support → assigned to (bruno|mei)\n");
        text.Should().MatchRegex(@"\n\d\d:\d\d:00  background pass → #\d+ closed by System:auto-close \(category auto-closed\): \w+ has not answered \w+ for 30m \d\ds → closed after ");
        text.Should().MatchRegex(@"snoozes #\d+ until .* → snoozed: wakes at ").And.MatchRegex(@"→ wakes after [0-9ms ]+ snoozed: \w+ wrote\n");
        summary.PassTotal.QueueTimeoutsFired.Should().BeGreaterThan(0);
        summary.PassTotal.ConversationsAutoClosed.Should().BeGreaterThan(0);
        summary.Snoozed.Should().BeGreaterThan(0).And.Be(summary.WokenByContact);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(2000)]
    public async Task Every_message_lands_once_no_contact_has_two_open_and_every_conversation_ends_closed(int contacts)
    {
        var summary = await DemoRunner.QuietRunAsync(contacts);

        summary.MessagesStored.Should().Be(summary.MessagesSent);
        summary.MostOpenForOneContact.Should().Be(1);
        summary.StillOpen.Should().Be(0);
        summary.Replies.Should().Be(summary.Conversations + summary.Snoozed, "an agent answers each conversation once, and a snoozed one again when the contact is back");
        summary.Conversations.Should().BeGreaterThanOrEqualTo(contacts);
        summary.Teams.Sum(t => t.Conversations).Should().Be(summary.Conversations);
        summary.Agents.Sum(a => a.Conversations).Should().Be(summary.Conversations);
        summary.Agents.Sum(a => a.Queued).Should().Be(summary.Teams.Sum(t => t.Queued));
        summary.PassTotal.Should().Be(
            new ProcessDueResult
            {
                QueueTimeoutsFired = summary.PassTotal.QueueTimeoutsFired,
                ConversationsAutoClosed = summary.PassTotal.ConversationsAutoClosed,
            },
            "the passes fire the timers that came due, and with no crash and no failure the engine's own follow-ups leave them nothing else: "
            + "no run to resume, no reservation or queue left behind, no timer skipped (nothing races them) and no snooze ending (every contact comes back first)");
        summary.PassTotal.QueueTimeoutsFired.Should().Be(summary.Inbox.Count(static c => c.Record.TimedOutIn is not null)).And.BeGreaterThan(0);
        summary.PassTotal.ConversationsAutoClosed.Should().Be(summary.Inbox.Count(static c => c.Record.WasAutoClosed)).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task An_agent_of_two_teams_is_shown_in_both_and_the_pass_is_printed()
    {
        using var output = new StringWriter();

        await DemoRun.RunAsync(new DemoOptions(), DemoStore.InMemory, output, Palette.Plain);

        var text = output.ToString();
        text.Should().Contain("support (bruno, mei, carla), billing (carla)").And.Contain("carla comes online (billing + support, up to 2 at once)");
        text.Should().Contain("what the passes made up for: 0 runs resumed, 0 queued runs ended, 0 leftover reservations released, 0 queued conversations assigned (nothing was left behind)");
        text.Should().MatchRegex(@"carla\s+billing\+support\s+\d+");
    }
}
