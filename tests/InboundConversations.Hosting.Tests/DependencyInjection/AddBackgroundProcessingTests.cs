using InboundConversations.Hosting.Internal;
using InboundConversations.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboundConversations.Hosting.Tests.DependencyInjection;

/// <summary>What <c>AddBackgroundProcessing</c> registers.</summary>
public sealed class AddBackgroundProcessingTests
{
    [Fact]
    public void AddBackgroundProcessing_AddsOneHostedService()
    {
        var services = new ServiceCollection();

        services.AddInboundConversations().AddBackgroundProcessing();
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeOfType<BackgroundProcessingService>();
    }

    [Fact]
    public void AddBackgroundProcessing_CalledTwice_AddsOneService_AndAppliesBothConfigurationsInOrder()
    {
        var services = new ServiceCollection();
        var inbox = services.AddInboundConversations();

        inbox.AddBackgroundProcessing(options => options.Interval = TimeSpan.FromMinutes(1))
            .AddBackgroundProcessing(options => options.Interval *= 3);
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IHostedService>().Should().ContainSingle();
        provider.GetRequiredService<IOptions<BackgroundProcessingOptions>>().Value.Interval.Should().Be(TimeSpan.FromMinutes(3));
        provider.GetServices<IValidateOptions<BackgroundProcessingOptions>>().Should().ContainSingle();
    }

    [Fact]
    public void AddBackgroundProcessing_ReturnsTheSameBuilder()
    {
        var inbox = new ServiceCollection().AddInboundConversations();

        inbox.AddBackgroundProcessing().Should().BeSameAs(inbox);
    }

    [Fact]
    public void AddBackgroundProcessing_WithoutABuilder_ThrowsArgumentNullException()
    {
        var add = () => BackgroundProcessingBuilderExtensions.AddBackgroundProcessing(null!);

        add.Should().ThrowExactly<ArgumentNullException>().WithParameterName("builder");
    }

    [Fact]
    public async Task TheHostedService_WithNoLoggingRegistered_StillRuns()
    {
        var clock = new TickingClock();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddInboundConversations().AddBackgroundProcessing();
        await using var provider = services.BuildServiceProvider();
        var service = (BackgroundService)provider.GetServices<IHostedService>().Single();

        await service.StartAsync(CancellationToken.None);
        (await clock.NextTimerAsync()).Should().Be(TimeSpan.FromSeconds(30), "the first pass ran and the wait began");
        await service.StopAsync(CancellationToken.None).WaitAsync(Patience.Limit);

        service.ExecuteTask!.Status.Should().Be(TaskStatus.RanToCompletion);
    }
}
