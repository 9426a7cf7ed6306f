using InboundConversations.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InboundConversations.Hosting.Tests.DependencyInjection;

/// <summary>The interval's range, checked when the host starts, with an exception naming the option and its value.</summary>
public sealed class BackgroundProcessingOptionsTests
{
    [Fact]
    public void Interval_ByDefault_IsThirtySeconds()
    {
        new BackgroundProcessingOptions().Interval.Should().Be(TimeSpan.FromSeconds(30));
    }

    public static TheoryData<TimeSpan, string> OutOfRange => new()
    {
        { TimeSpan.Zero, "00:00:00" },
        { TimeSpan.FromSeconds(-1), "-00:00:01" },
        { TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1), "00:00:00.9999999" },
        { TimeSpan.FromHours(1) + TimeSpan.FromTicks(1), "01:00:00.0000001" },
        { TimeSpan.FromHours(2), "02:00:00" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task HostStart_WithAnIntervalOutOfRange_ThrowsOptionsValidationExceptionNamingItAndItsValue(TimeSpan interval, string shown)
    {
        await using var host = ProcessingHost.WithScript(configure: options => options.Interval = interval);

        var rejected = host.Services.Invoking(s => s.GetRequiredService<IStartupValidator>().Validate())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.OptionsType.Should().Be<BackgroundProcessingOptions>();
        rejected.Failures.Should().Equal(
            $"Interval: The field BackgroundProcessingOptions.Interval must be at least 00:00:01 and at most 01:00:00; it is {shown}.");
    }

    [Fact]
    public void ResolvingTheHostedService_WithAnIntervalOutOfRange_ThrowsBeforeAnyPass()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations().AddBackgroundProcessing(options => options.Interval = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetServices<IHostedService>().ToList())
            .Should().ThrowExactly<OptionsValidationException>().WithMessage("*BackgroundProcessingOptions.Interval*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3_600)]
    public async Task HostStart_WithAnIntervalAtALimit_Starts(int seconds)
    {
        await using var host = ProcessingHost.WithScript(configure: options => options.Interval = TimeSpan.FromSeconds(seconds));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        await host.StartAsync();

        (await host.Engine.NextCallAsync()).At.Should().Be(TickingClock.Origin);
        (await host.Clock.NextTimerAsync()).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Options_ConfiguredBeforeTheCall_AreKept_AndTheCallsConfigureRunsAfter()
    {
        var services = new ServiceCollection();
        services.Configure<BackgroundProcessingOptions>(options => options.Interval = TimeSpan.FromMinutes(2));
        services.AddInboundConversations().AddBackgroundProcessing(options => options.Interval += TimeSpan.FromSeconds(1));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<BackgroundProcessingOptions>>().Value.Interval.Should().Be(TimeSpan.FromSeconds(121));
    }
}
