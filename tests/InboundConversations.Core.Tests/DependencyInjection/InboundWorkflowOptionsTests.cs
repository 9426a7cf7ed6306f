using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboundConversations.Tests.DependencyInjection;

/// <summary>
/// The workflow's numbers and switches are options a host binds from configuration, each range checked when the host
/// starts and when the engine is first resolved, a value out of range named in an <see cref="OptionsValidationException"/>.
/// </summary>
public sealed class InboundWorkflowOptionsTests
{
    private const string Section = "InboundConversations:Workflow";

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = new InboundWorkflowOptions();

        options.StepTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RunLease.Should().Be(TimeSpan.FromMinutes(1));
        options.Sources.Should().BeNull();
        options.StartingSources.Should().BeEquivalentTo([ConversationSource.Contact]);
    }

    [Fact]
    public void Options_WithNothingConfigured_ResolveToTheDefaultsAndPassValidation()
    {
        using var provider = Build();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<InboundWorkflowOptions>>().Value;
        options.StepTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RunLease.Should().Be(TimeSpan.FromMinutes(1));
        options.StartingSources.Should().BeEquivalentTo([ConversationSource.Contact]);
    }

    [Fact]
    public void Configure_FromAConfigurationSection_BindsEveryOption()
    {
        using var provider = Build(Configuration(
            ("StepTimeout", "00:00:10"),
            ("RunLease", "00:02:00"),
            ("Sources:0", "Contact"),
            ("Sources:1", "Agent")));

        var options = provider.GetRequiredService<IOptions<InboundWorkflowOptions>>().Value;

        options.StepTimeout.Should().Be(TimeSpan.FromSeconds(10));
        options.RunLease.Should().Be(TimeSpan.FromMinutes(2));
        options.Sources.Should().Equal(ConversationSource.Contact, ConversationSource.Agent);
    }

    [Fact]
    public void Configure_WithBoundSources_ReplacesTheDefaultRatherThanAddingToIt()
    {
        using var provider = Build(Configuration(("Sources:0", "Agent")));

        provider.GetRequiredService<IOptions<InboundWorkflowOptions>>().Value.StartingSources
            .Should().BeEquivalentTo([ConversationSource.Agent]);
    }

    [Fact]
    public async Task Configure_WithBoundSources_StartsARunForAConversationAnAgentOpened()
    {
        var configuration = Configuration(("Sources:0", "Contact"), ("Sources:1", "Agent"));
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w => w.DefaultTeam("support")),
            services: s => s.Configure<InboundWorkflowOptions>(configuration.GetSection(Section)));
        await inbox.AddAgentAsync("bob");

        var opened = await inbox.Engine.OpenAsync(new OpenConversationRequest
        {
            Contact = new ContactId("contact-1"),
            Channel = new ChannelId("webchat"),
            OpenedBy = Actor.Agent(new AgentId("ana")),
        });

        opened.State.Should().Be(ConversationState.Assigned);
        (await inbox.RunOfAsync(opened.Id)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task Configure_WithSourcesThatLeaveOutContact_StartsNoRunForAContactsMessage()
    {
        var configuration = Configuration(("Sources:0", "Agent"));
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w => w.DefaultTeam("support")),
            services: s => s.Configure<InboundWorkflowOptions>(configuration.GetSection(Section)));
        await inbox.AddAgentAsync("bob");

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Unassigned);
        (await inbox.Engine.FindWorkflowRunAsync(received.ConversationId)).Should().BeNull();
    }

    [Fact]
    public async Task Configure_WithABoundStepTimeout_IsTheLimitTheStepsGet()
    {
        var hang = new Hang();
        var configuration = Configuration(("StepTimeout", "00:00:02"));
        using var inbox = new TestInbox(
            build: b => b.AddInboundWorkflow(w => w.Enrich(new StubEnricher("slow", async (_, ct) => await hang.RunAsync<bool>(ct))).DefaultTeam("support")),
            services: s => s.Configure<InboundWorkflowOptions>(configuration.GetSection(Section)));
        await inbox.AddAgentAsync("ana");

        var receiving = inbox.ReceiveAsync().AsTask();
        await hang.Started;
        inbox.Clock.Advance(TimeSpan.FromSeconds(2));
        var received = await receiving;

        var step = (await inbox.RunOfAsync(received.ConversationId)).Steps.Single(s => s.Name == "slow");
        step.Status.Should().Be(WorkflowStepStatus.TimedOut);
        step.Error.Should().Be("The step did not finish within 00:00:02.");
    }

    [Fact]
    public void Configure_WithABoundValueOutOfRange_StopsTheHostAtStartNamingTheOptionAndTheValue()
    {
        using var provider = Build(Configuration(("StepTimeout", "5")));

        var rejected = provider.Invoking(p => p.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().Which;

        rejected.OptionsType.Should().Be<InboundWorkflowOptions>();
        rejected.Message.Should().Contain("InboundWorkflowOptions.StepTimeout").And.Contain("it is 5.00:00:00", "\"5\" binds as five days");
    }

    [Fact]
    public void Configure_WithABoundUndefinedSourceNumber_IsRefusedNamingIt()
    {
        using var provider = Build(Configuration(("Sources:0", "99")));

        provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().Throw<OptionsValidationException>().WithMessage("*InboundWorkflowOptions.Sources*99 is not a ConversationSource*");
    }

    [Fact]
    public void WithoutAWorkflow_TheOptionsAreStillValidated_ForTheStepTimeoutLimitsQueueAssignments()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations();
        services.Configure<InboundWorkflowOptions>(o => o.StepTimeout = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().WithMessage("*StepTimeout*");
        provider.Invoking(p => p.GetRequiredService<IAgentRoster>())
            .Should().Throw<OptionsValidationException>().WithMessage("*StepTimeout*");
    }

    public static TheoryData<string, Action<InboundWorkflowOptions>> OutOfRange => new()
    {
        { nameof(InboundWorkflowOptions.StepTimeout), o => o.StepTimeout = TimeSpan.Zero },
        { nameof(InboundWorkflowOptions.StepTimeout), o => o.StepTimeout = TimeSpan.FromTicks(-1) },
        { nameof(InboundWorkflowOptions.StepTimeout), o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1), TimeSpan.FromHours(1)) },
        { nameof(InboundWorkflowOptions.RunLease), o => o.RunLease = TimeSpan.Zero },
        { nameof(InboundWorkflowOptions.RunLease), o => o.RunLease = TimeSpan.FromTicks(-1) },
        { nameof(InboundWorkflowOptions.RunLease), o => o.RunLease = TimeSpan.FromHours(1) + TimeSpan.FromTicks(1) },
        { nameof(InboundWorkflowOptions.RunLease), o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) },
        { nameof(InboundWorkflowOptions.RunLease), o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1)) },
        { nameof(InboundWorkflowOptions.Sources), o => o.Sources = [] },
        { nameof(InboundWorkflowOptions.Sources), o => o.Sources = [ConversationSource.Contact, 0] },
        { nameof(InboundWorkflowOptions.Sources), o => o.Sources = [(ConversationSource)99] },
    };

    public static TheoryData<Action<InboundWorkflowOptions>> AtTheLimits => new()
    {
        o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromTicks(1), TimeSpan.FromTicks(2)),
        o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)),
        o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30) + TimeSpan.FromTicks(1)),
        o => o.Sources = [ConversationSource.Agent],
        o => o.Sources = [ConversationSource.Contact, ConversationSource.Agent, ConversationSource.Workflow, ConversationSource.Api],
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void ResolvingEngine_WithOptionOutOfRange_ThrowsOptionsValidationExceptionNamingIt(string option, Action<InboundWorkflowOptions> configure)
    {
        using var provider = Build(configure);

        var rejected = provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.OptionsType.Should().Be<InboundWorkflowOptions>();
        rejected.Failures.Should().Contain(f => f.StartsWith($"{option}: The field {nameof(InboundWorkflowOptions)}.{option} ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void HostStartValidation_WithOptionOutOfRange_ThrowsOptionsValidationExceptionNamingIt(string option, Action<InboundWorkflowOptions> configure)
    {
        using var provider = Build(configure);

        provider.Invoking(p => p.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().WithMessage($"*{nameof(InboundWorkflowOptions)}.{option}*");
    }

    [Theory]
    [MemberData(nameof(AtTheLimits))]
    public void ResolvingEngine_WithOptionsAtTheLimitsOfTheirRange_Succeeds(Action<InboundWorkflowOptions> configure)
    {
        using var provider = Build(configure);

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<IConversationEngine>().Should().NotBeNull();
    }

    public static TheoryData<Action<InboundWorkflowOptions>, string> OutOfRangeFailures => new()
    {
        { o => o.StepTimeout = TimeSpan.Zero, "StepTimeout: The field InboundWorkflowOptions.StepTimeout must be above 00:00:00 and at most 00:05:00; it is 00:00:00." },
        { o => (o.StepTimeout, o.RunLease) = (TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1), TimeSpan.FromHours(1)), "StepTimeout: The field InboundWorkflowOptions.StepTimeout must be above 00:00:00 and at most 00:05:00; it is 00:05:00.0000001." },
        { o => o.RunLease = TimeSpan.FromHours(2), "RunLease: The field InboundWorkflowOptions.RunLease must be above 00:00:00 and at most 01:00:00; it is 02:00:00." },
        { o => o.RunLease = TimeSpan.FromSeconds(5), "RunLease: The field InboundWorkflowOptions.RunLease must be longer than StepTimeout (00:00:05); it is 00:00:05." },
        { o => o.Sources = [], "Sources: The field InboundWorkflowOptions.Sources must hold at least one source, or be left unset for Contact only." },
        { o => o.Sources = [ConversationSource.Agent, (ConversationSource)7], "Sources: The field InboundWorkflowOptions.Sources must hold defined sources only; 7 is not a ConversationSource." },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeFailures))]
    public void ResolvingEngine_WithOptionOutOfRange_SaysItsRangeAndValue(Action<InboundWorkflowOptions> configure, string failure)
    {
        using var provider = Build(configure);

        var rejected = provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.Failures.Should().Equal(failure);
    }

    [Fact]
    public void ResolvingEngine_WithSeveralOptionsOutOfRange_NamesEachOfThem()
    {
        using var provider = Build(o =>
        {
            o.StepTimeout = TimeSpan.Zero;
            o.Sources = [];
        });

        var rejected = provider.Invoking(p => p.GetRequiredService<IConversationEngine>())
            .Should().ThrowExactly<OptionsValidationException>().Which;

        rejected.Failures.Should().HaveCount(2);
        rejected.Message.Should().Contain(nameof(InboundWorkflowOptions.StepTimeout)).And.Contain(nameof(InboundWorkflowOptions.Sources));
    }

    [Fact]
    public void ConfigureInboundConversationsOptions_FromAConfigurationSection_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InboundConversations:MaxContentLength"] = "4096",
            ["InboundConversations:MaxClockSkew"] = "00:01:00",
            ["InboundConversations:MaxCategoryLength"] = "64",
            ["InboundConversations:MaxNotesLength"] = "2048",
        }).Build();
        var services = new ServiceCollection();
        services.Configure<InboundConversationsOptions>(configuration.GetSection("InboundConversations"));
        services.AddInboundConversations();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<InboundConversationsOptions>>().Value;

        options.MaxContentLength.Should().Be(4_096);
        options.MaxClockSkew.Should().Be(TimeSpan.FromMinutes(1));
        options.MaxCategoryLength.Should().Be(64);
        options.MaxNotesLength.Should().Be(2_048);
    }

    [Fact]
    public void ConfigureInboundConversationsOptions_WithABoundValueOutOfRange_StopsTheHostAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InboundConversations:MaxCategoryLength"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.Configure<InboundConversationsOptions>(configuration.GetSection("InboundConversations"));
        services.AddInboundConversations();
        using var provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().WithMessage("*InboundConversationsOptions.MaxCategoryLength must be between 1 and 4096*");
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>($"{Section}:{v.Key}", v.Value)))
            .Build();

    private static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.Configure<InboundWorkflowOptions>(configuration.GetSection(Section));
        services.AddInboundConversations().AddInboundWorkflow(w => w.DefaultTeam("support"));
        return services.BuildServiceProvider();
    }

    private static ServiceProvider Build(Action<InboundWorkflowOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddInboundConversations().AddInboundWorkflow(w => w.DefaultTeam("support"));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider();
    }
}
