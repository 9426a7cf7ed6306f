using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// A mistake in setting up the workflow throws an <see cref="ArgumentException"/> at the call that makes it, its message
/// starting with the call, as .NET hosts expect; it is not one of the library's request errors.
/// </summary>
public sealed class WorkflowSetupErrorTests
{
    public static TheoryData<string?, string> InvalidTeams => new()
    {
        { null, "it is null" },
        { "", "it is empty or white space" },
        { "   ", "it is empty or white space" },
        { new string('t', 257), "it is 257 characters long; the most is 256" },
        { "sup\u0007port", "it contains a control character" },
    };

    [Theory]
    [MemberData(nameof(InvalidTeams))]
    public void DefaultTeam_ThatIsNotAValidTeamId_ThrowsAtTheCallNamingIt(string? team, string reason)
    {
        var services = new ServiceCollection();

        var act = () => services.AddInboundConversations().AddInboundWorkflow(w => w.DefaultTeam(team!));

        var thrown = act.Should().ThrowExactly<ArgumentException>().Which;
        thrown.Message.Should().Be($"AddInboundWorkflow: DefaultTeam(team): the TeamId is not valid: {reason}. (Parameter 'team')");
        thrown.ParamName.Should().Be("team");
    }

    [Fact]
    public void WhenChannel_WithAnInvalidChannelId_ThrowsAtTheCallNamingIt()
    {
        var services = new ServiceCollection();

        var act = () => services.AddInboundConversations().AddInboundWorkflow(w => w.WhenChannel("email", " ").DefaultTeam("support"));

        act.Should().ThrowExactly<ArgumentException>()
            .WithMessage("AddInboundWorkflow: WhenChannel(channels): the ChannelId is not valid: it is empty or white space.*")
            .Which.ParamName.Should().Be("channels");
    }

    public static TheoryData<string, Action<InboundWorkflowBuilder>> EmptyConditionArguments => new()
    {
        { "AddInboundWorkflow: WhenContactField(key, value): the key is empty. (Parameter 'key')", w => w.WhenContactField("", "gold") },
        { "AddInboundWorkflow: WhenContactTag(tag): the tag is empty. (Parameter 'tag')", w => w.WhenContactTag("") },
    };

    [Theory]
    [MemberData(nameof(EmptyConditionArguments))]
    public void Condition_WithAnEmptyKeyOrTag_ThrowsAtTheCallNamingIt(string message, Action<InboundWorkflowBuilder> configure)
    {
        var services = new ServiceCollection();

        var act = () => services.AddInboundConversations().AddInboundWorkflow(w => configure(w.DefaultTeam("support")));

        act.Should().ThrowExactly<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void WhenChannel_WithNoArray_ThrowsArgumentNull()
    {
        var services = new ServiceCollection();

        var act = () => services.AddInboundConversations().AddInboundWorkflow(w => w.WhenChannel(null!));

        act.Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("channels");
    }

    [Fact]
    public void SetUpErrors_AreNotRequestErrors()
    {
        var services = new ServiceCollection();

        var act = () => services.AddInboundConversations().AddInboundWorkflow(_ => { });

        act.Should().Throw<ArgumentException>().Which.Should().NotBeAssignableTo<InboundConversationsException>();
    }

    public static TheoryData<string, Action> ConfigurationCalls => new()
    {
        { "Match.Fact(key): the key is null, empty or white space. (Parameter 'key')", () => Match.Fact(" ") },
        { "Match.ContactField(key): the key is null, empty or white space. (Parameter 'key')", () => Match.ContactField("") },
        { "Match.ContactTag(tag): the tag is null, empty or white space. (Parameter 'tag')", () => Match.ContactTag(null!) },
        { "Match: fact \"intent\".Is(value): a value to compare with is null or empty. (Parameter 'value')", () => Match.Fact("intent").Is("") },
        { "Match: channel.Contains(text): a value to compare with is null or empty. (Parameter 'text')", () => Match.Channel.Contains("") },
        { "Match: channel.IsAnyOf(values): it needs at least one value. (Parameter 'values')", () => Match.Channel.IsAnyOf() },
        { "KeywordIntentBuilder.Add(intent, phrases): the intent \"billing\" has no phrases. (Parameter 'phrases')", () => ConversationEnrichers.KeywordIntents(i => i.Add("billing")) },
        { "KeywordIntentBuilder.FactKey(key): a fact key is null, empty or white space. (Parameter 'key')", () => ConversationEnrichers.KeywordIntents(i => i.FactKey("")) },
        { "KeywordIntents(configure): no intent is configured; call Add(intent, phrases…). (Parameter 'configure')", () => ConversationEnrichers.KeywordIntents(_ => { }) },
        { "RoutingRulesBuilder.Otherwise(team): the TeamId is not valid: it is empty or white space. (Parameter 'team')", () => ConversationRouters.Rules(r => r.Otherwise("")) },
        { "RoutingRulesBuilder.Otherwise(team): Otherwise is given twice (\"support\", then \"sales\"). (Parameter 'team')", () => ConversationRouters.Rules(r => r.Otherwise("support").Otherwise("sales")) },
        { "RoutingRuleBuilder.RouteTo(team): the TeamId is not valid: it is null. (Parameter 'team')", () => ConversationRouters.Rules(r => r.When(Match.ContactTag("vip")).RouteTo(null!)) },
        { "Rules(configure): the rule-based router has no rule and no Otherwise team. (Parameter 'configure')", () => ConversationRouters.Rules(_ => { }) },
    };

    [Theory]
    [MemberData(nameof(ConfigurationCalls))]
    public void ConfigurationMistake_InTheShippedStepsBuilders_ThrowsNamingTheCall(string message, Action call)
    {
        call.Should().ThrowExactly<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void ConfigurationMistake_InsideAddInboundWorkflow_ThrowsAtTheCall()
    {
        var services = new ServiceCollection();

        var act = () => services.AddInboundConversations().AddInboundWorkflow(w => w.RouteByRules(r => r.When(Match.ContactTag("vip"))));

        act.Should().ThrowExactly<ArgumentException>().WithMessage("Rules(configure): rule 1 (contact tag \"vip\") has no team*");
        services.Should().NotContain(d => d.ServiceType.Name == "InboundWorkflowDefinition", "nothing of a refused workflow is registered");
    }
}
