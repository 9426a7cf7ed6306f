using InboundConversations.Demo.Inbox;
using InboundConversations.Demo.Simulation;

namespace InboundConversations.Demo.Tests.App;

/// <summary>
/// The timers the demo shows on its simulated clock, fired by its background pass every minute: billing's queue
/// timeout overflowing to support, the auto-close, a snooze woken by the contact. Each promise is checked against the
/// inbox as stored at the end, not only against what the timeline printed.
/// </summary>
public sealed class TimerTests
{
    private static readonly TimeSpan Pass = BackgroundPasses.Interval;

    [Fact]
    public async Task The_default_run_prints_the_overflow_the_auto_closes_the_snooze_and_what_the_passes_fired()
    {
        var (_, output, _) = await DemoRunner.RunAsync();

        var lines = output.Split(Environment.NewLine);
        lines.Should().Contain(
        [
            "Timers: a conversation that waits 15 minutes in billing's queue overflows to support; one whose contact has not",
            "answered an agent for 30 minutes is auto-closed. A background pass (ProcessDueAsync) fires them every simulated minute.",
            "09:13:29  bruno snoozes #2 until 11:13:29 → snoozed: wakes at 11:13:29, or sooner if james writes",
            "09:19:00  background pass → #1 timed out after 15m 09s in billing's queue → overflows to support → assigned to mei",
            "09:39:00  background pass → #3 closed by System:auto-close (category auto-closed): lucia has not answered ana for 30m 50s → closed after 32m 34s",
            "09:56:35  james writes on webchat: \"Checked: all good on our side.\" → joins #2 as message 4 → wakes after 43m 06s snoozed: james wrote",
            "10:23:00  background pass → #13 closed by System:auto-close (category auto-closed): olivia has not answered mei for 30m 26s → closed after 35m 05s",
            "  1 conversation snoozed by their agent: 1 woken by the contact's reply, 0 by the snooze's end",
            "  133 background passes (ProcessDueAsync) fired 3 timers: 1 queue timeout (1 billing → support), 2 auto-closes, 0 snooze ends; 0 skipped, 0 failed",
        ]);
        lines.Count(static l => l.Contains("background pass → ", StringComparison.Ordinal)).Should().Be(3, "a pass is printed only when it fired something");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(2000)]
    public async Task Every_queue_timeout_moves_the_conversation_to_support_after_billings_timeout_and_no_billing_wait_outlasts_it(int contacts)
    {
        var summary = await DemoRunner.QuietRunAsync(contacts);

        var supportAgents = Cast.Agents.Where(static a => a.Teams.Contains(Teams.Support)).Select(static a => a.Id).ToArray();
        var timedOut = summary.Inbox.Where(static c => c.Record.TimedOutIn is not null).ToArray();
        timedOut.Should().NotBeEmpty().And.HaveCount(summary.PassTotal.QueueTimeoutsFired);
        foreach (var (record, conversation, _) in timedOut)
        {
            record.TimedOutIn.Should().Be(Teams.Billing, "only billing has a queue timeout");
            (record.TimedOutAt - record.QueuedAt).Should().BeGreaterThanOrEqualTo(DemoWorkflow.BillingOverflowAfter).And.BeLessThan(DemoWorkflow.BillingOverflowAfter + Pass);
            conversation.Team.Should().Be(new TeamId(Teams.Support), $"{record.Label} overflowed to support");
            record.Agent.Should().BeOneOf(supportAgents);
            record.AssignedAt.Should().BeOnOrAfter(record.TimedOutAt!.Value, "nobody in billing took it before it timed out");
            conversation.Closure!.ClosedBy.Should().BeOneOf(Actor.Agent(new AgentId(record.Agent!)), Actor.System("auto-close"));
        }

        foreach (var (record, _, _) in summary.Inbox.Where(static c => c.Record is { Team: Teams.Billing, WasQueued: true }))
        {
            (record.AssignedAt - record.QueuedAt).Should().BeLessThan(DemoWorkflow.BillingOverflowAfter + Pass, $"{record.Label} would have overflowed first");
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(2000)]
    public async Task Every_auto_close_ends_a_conversation_whose_contact_left_the_agents_last_message_unanswered_for_30_minutes(int contacts)
    {
        var summary = await DemoRunner.QuietRunAsync(contacts);

        var autoClosed = summary.Inbox.Where(static c => c.Record.WasAutoClosed).ToArray();
        autoClosed.Should().NotBeEmpty().And.HaveCount(summary.PassTotal.ConversationsAutoClosed);
        foreach (var (record, conversation, messages) in summary.Inbox)
        {
            var closure = conversation.Closure!;
            var last = messages[^1];
            if (record.WasAutoClosed)
            {
                closure.Category.Should().Be("auto-closed");
                last.Author.Should().Be(Actor.Agent(new AgentId(record.Agent!)), $"{record.Label}'s contact never answered the agent's last message");
                (closure.ClosedAt - last.RecordedAt).Should().BeGreaterThanOrEqualTo(DemoInboxOptions.AutoCloseAfter).And.BeLessThan(DemoInboxOptions.AutoCloseAfter + Pass);
            }
            else
            {
                closure.ClosedBy.Should().Be(Actor.Agent(new AgentId(record.Agent!)), $"{record.Label} was not auto-closed, so its agent closed it");
                (closure.ClosedAt - record.LastAgentMessageAt!.Value).Should().BeLessThan(DemoInboxOptions.AutoCloseAfter);
            }

            conversation.Timers.Should().BeEmpty("a closed conversation keeps no timer");
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(2000)]
    public async Task Every_snooze_is_woken_by_the_contacts_reply_before_it_ends_and_the_agent_answers_again(int contacts)
    {
        var summary = await DemoRunner.QuietRunAsync(contacts);

        var snoozed = summary.Inbox.Where(static c => c.Record.SnoozedAt is not null).ToArray();
        snoozed.Should().NotBeEmpty().And.HaveCount(summary.Snoozed);
        summary.PassTotal.SnoozesEnded.Should().Be(0);
        foreach (var (record, conversation, messages) in snoozed)
        {
            record.WakeReason.Should().Be(WakeReason.ContactMessage);
            record.WokeAt.Should().BeBefore(record.SnoozedUntil!.Value);
            messages.Should().Contain(m => m.Direction == MessageDirection.Inbound && m.RecordedAt == record.WokeAt, $"the contact's message woke {record.Label}");
            messages.Where(m => m.RecordedAt > record.WokeAt).Should().Contain(m => m.Author == Actor.Agent(new AgentId(record.Agent!)), "the agent answered once it woke");
            conversation.Closure!.ClosedBy.Should().Be(Actor.Agent(new AgentId(record.Agent!)));
        }
    }
}
