using InboundConversations.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Hosting.Tests;

/// <summary>
/// The hosted service's loop on a fake clock, against a scripted engine: a pass at start-up, then one an interval
/// after each pass ends; never two at once; a failing pass logged and retried; a prompt, quiet stop. No sleeps: the
/// clock reports when the service begins a wait, and the engine when a pass begins.
/// </summary>
public sealed class BackgroundProcessingServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_RunsAPassAtOnce_AndLogsTheInterval()
    {
        await using var host = ProcessingHost.WithScript();

        await host.StartAsync();

        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin, "the first pass does not wait for the clock");
        var started = host.Logs.Should().ContainSingle(r => r.Id.Id == 4001).Which;
        started.Level.Should().Be(LogLevel.Information);
        started.Id.Name.Should().Be("Started");
        started.Message.Should().Contain("00:00:30");
    }

    [Fact]
    public async Task AfterAPass_WaitsTheInterval_AndRunsTheNextPassThenNotBefore()
    {
        await using var host = ProcessingHost.WithScript();
        await host.StartAsync();
        await host.Engine.NextCallAsync();

        (await host.Clock.NextTimerAsync()).Should().Be(Interval);
        host.Clock.Advance(Interval - TimeSpan.FromTicks(1));

        host.Clock.TimersFired.Should().Be(0, "the wait is not over a tick before the interval");
        host.Engine.Calls.Should().Be(1);

        host.Clock.Advance(TimeSpan.FromTicks(1));

        host.Clock.TimersFired.Should().Be(1);
        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin + Interval);
        (await host.Clock.NextTimerAsync()).Should().Be(Interval, "and the loop goes on");
    }

    [Fact]
    public async Task Interval_FromTheOptions_IsTheWaitBetweenPasses()
    {
        await using var host = ProcessingHost.WithScript(configure: options => options.Interval = TimeSpan.FromSeconds(5));
        await host.StartAsync();
        await host.Engine.NextCallAsync();

        (await host.Clock.NextTimerAsync()).Should().Be(TimeSpan.FromSeconds(5));
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ASlowPass_IsNeverOverlapped_AndTheNextStartsAnIntervalAfterItEnds()
    {
        var slow = new TaskCompletionSource<ProcessDueResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = ProcessingHost.WithScript(engine => engine.Then(_ => slow.Task));
        await host.StartAsync();
        await host.Engine.NextCallAsync();

        host.Clock.Advance(Interval * 10);

        host.Clock.TimersMade.Should().Be(0, "nothing waits while a pass runs");
        host.Clock.TimersFired.Should().Be(0);
        host.Engine.Calls.Should().Be(1);

        slow.SetResult(new ProcessDueResult());

        (await host.Clock.NextTimerAsync()).Should().Be(Interval, "the wait starts when the slow pass ends");
        host.Clock.Advance(Interval);
        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin + (Interval * 11));
        host.Engine.MostAtOnce.Should().Be(1);
    }

    [Fact]
    public async Task APassThatThrows_IsLoggedWithItsTypeOnly_AndTheNextPassRuns()
    {
        await using var host = ProcessingHost.WithScript(engine => engine
            .Then(_ => throw new InvalidOperationException("Hola, my card is 4111 1111 1111 1111")));
        await host.StartAsync();
        await host.Engine.NextCallAsync();

        (await host.Clock.NextTimerAsync()).Should().Be(Interval, "the failure waits for the next pass like any other");

        var failed = host.Logs.Should().ContainSingle(r => r.Level >= LogLevel.Warning).Which;
        failed.Level.Should().Be(LogLevel.Warning);
        failed.Id.Id.Should().Be(4002);
        failed.Id.Name.Should().Be("PassFailed");
        failed.Message.Should().Contain(nameof(InvalidOperationException)).And.NotContain("4111").And.NotContain("Hola");
        failed.Exception.Should().BeNull("an exception's message may quote content");

        host.Clock.Advance(Interval);

        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin + Interval);
        (await host.Clock.NextTimerAsync()).Should().Be(Interval);
        host.Logs.Count(r => r.Id.Id == 4002).Should().Be(1, "the pass after the failure succeeded");
    }

    [Fact]
    public async Task APassCancelledByItsOwnTimeout_NotByTheHost_IsAFailedPass_AndTheLoopGoesOn()
    {
        await using var host = ProcessingHost.WithScript(engine => engine.Then(_ => throw new TaskCanceledException("a store's command timeout")));
        await host.StartAsync();
        await host.Engine.NextCallAsync();

        (await host.Clock.NextTimerAsync()).Should().Be(Interval);

        host.Logs.Should().ContainSingle(r => r.Id.Id == 4002).Which.Message.Should().Contain(nameof(TaskCanceledException));
        host.Service.ExecuteTask!.IsCompleted.Should().BeFalse();
        host.Clock.Advance(Interval);
        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin + Interval);
    }

    [Fact]
    public async Task StopAsync_DuringTheWait_ReturnsPromptly_AndTheLoopEndsWithoutAnError()
    {
        await using var host = ProcessingHost.WithScript();
        await host.StartAsync();
        await host.Engine.NextCallAsync();
        await host.Clock.NextTimerAsync();

        await host.StopAsync();

        host.Service.ExecuteTask!.Status.Should().Be(TaskStatus.RanToCompletion);
        host.Engine.Calls.Should().Be(1);
        host.Logs.Should().NotContain(r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task StopAsync_DuringAPass_CancelsIt_ReturnsPromptly_AndTheLoopEndsWithoutAnError()
    {
        var never = new TaskCompletionSource<ProcessDueResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = ProcessingHost.WithScript(engine => engine.Then(token => never.Task.WaitAsync(token)));
        await host.StartAsync();
        var pass = await host.Engine.NextCallAsync();

        await host.StopAsync();

        pass.Token.IsCancellationRequested.Should().BeTrue("the host's stopping token reaches the pass");
        host.Service.ExecuteTask!.Status.Should().Be(TaskStatus.RanToCompletion);
        host.Clock.TimersMade.Should().Be(0, "no wait begins after a cancelled pass");
        host.Engine.Calls.Should().Be(1);
        host.Logs.Should().NotContain(r => r.Level >= LogLevel.Warning, "a stop is not a failure");
    }

    [Fact]
    public async Task StopAsync_DuringAPassThatThenThrowsSomethingElse_EndsTheLoopQuietly()
    {
        var never = new TaskCompletionSource<ProcessDueResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = ProcessingHost.WithScript(engine => engine.Then(async token =>
        {
            try
            {
                return await never.Task.WaitAsync(token);
            }
            catch (OperationCanceledException)
            {
                throw new ObjectDisposedException("store", "a store disposed under the pass while the host stops");
            }
        }));
        await host.StartAsync();
        await host.Engine.NextCallAsync();

        await host.StopAsync();

        host.Service.ExecuteTask!.Status.Should().Be(TaskStatus.RanToCompletion, "what a pass throws while the host stops is not a failure of the service");
        host.Logs.Should().NotContain(r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task APassThatDidSomething_IsSummarisedAtDebug_AndAnEmptyPassIsNot()
    {
        await using var host = ProcessingHost.WithScript(engine => engine
            .Then(_ => Task.FromResult(new ProcessDueResult { SnoozesEnded = 2, QueueTimeoutsFired = 1, RunsResumed = 4, FailedSteps = 1 })));
        await host.StartAsync();
        await host.Engine.NextCallAsync();
        await host.Clock.NextTimerAsync();

        var summary = host.Logs.Should().ContainSingle(r => r.Id.Id == 4003).Which;
        summary.Level.Should().Be(LogLevel.Debug);
        summary.Id.Name.Should().Be("PassDone");
        summary.Message.Should().Contain("3 timers fired").And.Contain("4 runs resumed").And.Contain("1 steps failed");

        host.Clock.Advance(Interval);
        await host.Engine.NextCallAsync();
        await host.Clock.NextTimerAsync();

        host.Logs.Count(r => r.Id.Id == 4003).Should().Be(1, "the second pass found nothing to do");
    }

    public static TheoryData<ProcessDueResult> OneThingDone => new()
    {
        new ProcessDueResult { QueueTimeoutsFired = 1 },
        new ProcessDueResult { ConversationsAutoClosed = 1 },
        new ProcessDueResult { SnoozesEnded = 1 },
        new ProcessDueResult { TimersSkipped = 1 },
        new ProcessDueResult { TimersFailed = 1 },
        new ProcessDueResult { RunsResumed = 1 },
        new ProcessDueResult { QueuedRunsEnded = 1 },
        new ProcessDueResult { LeftoverReservationsReleased = 1 },
        new ProcessDueResult { QueuedConversationsAssigned = 1 },
        new ProcessDueResult { FailedSteps = 1 },
    };

    [Theory]
    [MemberData(nameof(OneThingDone))]
    public async Task APassWithAnyOneCountAboveZero_IsSummarised(ProcessDueResult result)
    {
        await using var host = ProcessingHost.WithScript(engine => engine.Then(_ => Task.FromResult(result)));
        await host.StartAsync();
        await host.Engine.NextCallAsync();
        await host.Clock.NextTimerAsync();

        host.Logs.Should().ContainSingle(r => r.Id.Id == 4003);
    }
}
