using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboundConversations.Tests.DependencyInjection;

/// <summary>Options out of range stop the engine from resolving, with an exception naming the option.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, Action<InboundConversationsOptions>> OutOfRange => new()
    {
        { nameof(InboundConversationsOptions.MaxContentLength), o => o.MaxContentLength = 0 },
        { nameof(InboundConversationsOptions.MaxContentLength), o => o.MaxContentLength = -1 },
        { nameof(InboundConversationsOptions.MaxContentLength), o => o.MaxContentLength = 1_048_577 },
        { nameof(InboundConversationsOptions.MaxClockSkew), o => o.MaxClockSkew = TimeSpan.FromTicks(-1) },
        { nameof(InboundConversationsOptions.MaxClockSkew), o => o.MaxClockSkew = TimeSpan.FromDays(1) + TimeSpan.FromTicks(1) },
        { nameof(InboundConversationsOptions.MaxCategoryLength), o => o.MaxCategoryLength = 0 },
        { nameof(InboundConversationsOptions.MaxCategoryLength), o => o.MaxCategoryLength = 4_097 },
        { nameof(InboundConversationsOptions.MaxNotesLength), o => o.MaxNotesLength = 0 },
        { nameof(InboundConversationsOptions.MaxNotesLength), o => o.MaxNotesLength = 1_048_577 },
    };

    public static TheoryData<Action<InboundConversationsOptions>> AtTheLimits => new()
    {
        o => o.MaxContentLength = 1,
        o => o.MaxContentLength = 1_048_576,
        o => o.MaxClockSkew = TimeSpan.Zero,
        o => o.MaxClockSkew = TimeSpan.FromDays(1),
        o => o.MaxCategoryLength = 1,
        o => o.MaxCategoryLength = 4_096,
        o => o.MaxNotesLength = 1,
        o => o.MaxNotesLength = 1_048_576,
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void ResolvingEngine_WithOptionOutOfRange_ThrowsOptionsValidationExceptionNamingIt(string option, Action<InboundConversationsOptions> configure)
    {
        using var provider = Build(configure);

        var rejected = provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.OptionsType.Should().Be<InboundConversationsOptions>();
        rejected.Failures.Should().ContainSingle().Which.Should().Contain($"{nameof(InboundConversationsOptions)}.{option}");
    }

    public static TheoryData<Action<InboundConversationsOptions>, string> OutOfRangeFailures => new()
    {
        { o => o.MaxContentLength = 0, "MaxContentLength: The field InboundConversationsOptions.MaxContentLength must be between 1 and 1048576." },
        { o => o.MaxClockSkew = TimeSpan.FromDays(2), "MaxClockSkew: The field InboundConversationsOptions.MaxClockSkew must be at least 00:00:00 and at most 1.00:00:00; it is 2.00:00:00." },
        { o => o.MaxCategoryLength = 4_097, "MaxCategoryLength: The field InboundConversationsOptions.MaxCategoryLength must be between 1 and 4096." },
        { o => o.MaxNotesLength = 0, "MaxNotesLength: The field InboundConversationsOptions.MaxNotesLength must be between 1 and 1048576." },
    };

    /// <summary>The messages are the DataAnnotations ones (a duration's also gives the value, easily misread from configuration).</summary>
    [Theory]
    [MemberData(nameof(OutOfRangeFailures))]
    public void ResolvingEngine_WithOptionOutOfRange_SaysItsRange(Action<InboundConversationsOptions> configure, string failure)
    {
        using var provider = Build(configure);

        var rejected = provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.Failures.Should().Equal(failure);
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void HostStartValidation_WithOptionOutOfRange_ThrowsOptionsValidationExceptionNamingIt(string option, Action<InboundConversationsOptions> configure)
    {
        using var provider = Build(configure);

        provider.Invoking(p => p.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().WithMessage($"*{option}*");
    }

    [Fact]
    public void ResolvingEngine_WithSeveralOptionsOutOfRange_NamesEachOfThem()
    {
        using var provider = Build(o =>
        {
            o.MaxContentLength = 0;
            o.MaxClockSkew = TimeSpan.FromMinutes(-5);
        });

        var rejected = provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.Failures.Should().HaveCount(2);
        rejected.Message.Should().Contain(nameof(InboundConversationsOptions.MaxContentLength)).And.Contain(nameof(InboundConversationsOptions.MaxClockSkew));
    }

    [Theory]
    [MemberData(nameof(AtTheLimits))]
    public void ResolvingEngine_WithOptionsAtTheLimitsOfTheirRange_Succeeds(Action<InboundConversationsOptions> configure)
    {
        using var provider = Build(configure);

        provider.GetRequiredService<IConversationEngine>().Should().NotBeNull();
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = new InboundConversationsOptions();

        options.MaxContentLength.Should().Be(16_384);
        options.MaxClockSkew.Should().Be(TimeSpan.FromMinutes(5));
        options.MaxCategoryLength.Should().Be(128);
        options.MaxNotesLength.Should().Be(4_096);
    }

    private static ServiceProvider Build(Action<InboundConversationsOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddInboundConversations(configure);
        return services.BuildServiceProvider();
    }
}
