using InboundConversations.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Hosting.Tests;

/// <summary>The hosted service over the library's own engine and in-memory stores, on the library's fake clock.</summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ASnoozedConversation_WakesAtThePassAfterItsSnoozeEnds_AndNotBefore()
    {
        var woke = new TaskCompletionSource<ConversationWoke>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = ProcessingHost.WithRealEngine(inbox => inbox.OnEvent<ConversationWoke>((e, _) =>
        {
            woke.TrySetResult(e);
            return ValueTask.CompletedTask;
        }));
        var engine = host.Services.GetRequiredService<IConversationEngine>();
        var opened = await engine.OpenAsync(new OpenConversationRequest
        {
            Contact = new ContactId("+34600000001"),
            Channel = new ChannelId("whatsapp"),
            OpenedBy = Actor.Api(),
        });
        var until = TickingClock.Origin + TimeSpan.FromMinutes(2);
        await engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = opened.Id, Until = until, SnoozedBy = Actor.Api() });

        await host.StartAsync();
        await host.Clock.NextTimerAsync();
        for (var pass = 1; pass <= 3; pass++)
        {
            host.Clock.Advance(Interval);
            await host.Clock.NextTimerAsync();

            (await engine.GetConversationAsync(opened.Id)).State.Should().Be(ConversationState.Snoozed, $"pass {pass} ran at {host.Clock.GetUtcNow():T}, before {until:T}");
        }

        woke.Task.IsCompleted.Should().BeFalse();
        host.Logs.Should().NotContain(r => r.Id.Id == 4003, "the passes before the snooze's end did nothing");

        host.Clock.Advance(Interval);

        var woken = await woke.Task.WaitAsync(Patience.Limit);
        woken.Reason.Should().Be(WakeReason.SnoozeEnded);
        woken.OccurredAt.Should().Be(until);
        await host.Clock.NextTimerAsync();
        (await engine.GetConversationAsync(opened.Id)).State.Should().Be(ConversationState.Unassigned);
        host.Logs.Should().ContainSingle(r => r.Id.Id == 4003).Which.Message.Should().Contain("1 timers fired");
    }
}
