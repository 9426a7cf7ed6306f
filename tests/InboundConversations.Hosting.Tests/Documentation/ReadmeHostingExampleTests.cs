using InboundConversations.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InboundConversations.Hosting.Tests.Documentation;

/// <summary>The README's "Background processing" snippet, wired as written, doing what the README says it does.</summary>
public sealed class ReadmeHostingExampleTests
{
    [Fact]
    public async Task BackgroundProcessingSnippet_RunsAPassAtStartAndThenFifteenSecondsAfterEachPassEnds()
    {
        var clock = new TickingClock();
        var engine = new ScriptedEngine(clock);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddSingleton<IConversationEngine>(engine);

        services.AddInboundConversations()
            .AddBackgroundProcessing(options => options.Interval = TimeSpan.FromSeconds(15));

        await using var provider = services.BuildServiceProvider();
        var service = provider.GetServices<IHostedService>().Single();
        await service.StartAsync(CancellationToken.None);
        (await engine.NextCallAsync()).At.Should().Be(TickingClock.Origin);
        (await clock.NextTimerAsync()).Should().Be(TimeSpan.FromSeconds(15));
        clock.Advance(TimeSpan.FromSeconds(15));
        (await engine.NextCallAsync()).At.Should().Be(TickingClock.Origin + TimeSpan.FromSeconds(15));
        await service.StopAsync(CancellationToken.None).WaitAsync(Patience.Limit);
    }
}
