using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow.Routing;

public sealed class RuleRouterTests
{
    private static Dictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static async Task<TeamId?> RouteAsync(Action<RoutingRulesBuilder> configure, RoutingContext context) =>
        await ConversationRouters.Rules(configure).RouteAsync(context, CancellationToken.None);

    private static async Task<bool> HoldsAsync(RoutingCondition condition, RoutingContext context)
    {
        var holds = condition.IsMatch(context);
        var routed = await RouteAsync(r => r.When(condition).RouteTo("matched"), context);
        routed.Should().Be(holds ? new TeamId("matched") : null, "the router follows the condition");
        return holds;
    }

    private static readonly RoutingContext Billing = WorkflowContexts.Routing(
        facts: Map(("intent", "Billing"), ("language", "es")),
        fields: Map(("tier", "Gold"), ("company", "Acme Corp")),
        tags: ["VIP", "newsletter"],
        channel: "Email");

    private static readonly RoutingContext Bare = WorkflowContexts.Routing();

    [Theory]
    [InlineData("billing", true)]
    [InlineData("BILLING", true)]
    [InlineData("bill", false)]
    [InlineData("billing ", false)]
    public async Task FactIs_ComparesWholeValueIgnoringCase(string value, bool expected)
    {
        (await HoldsAsync(Match.Fact("intent").Is(value), Billing)).Should().Be(expected);
    }

    [Theory]
    [InlineData("ILL", true)]
    [InlineData("billing", true)]
    [InlineData("sales", false)]
    public async Task FactContains_FindsTextIgnoringCase(string text, bool expected)
    {
        (await HoldsAsync(Match.Fact("intent").Contains(text), Billing)).Should().Be(expected);
    }

    [Fact]
    public async Task FactIsAnyOf_HoldsWhenOneValueEqualsIgnoringCase()
    {
        (await HoldsAsync(Match.Fact("intent").IsAnyOf("sales", "BILLING"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.Fact("intent").IsAnyOf("sales", "support"), Billing)).Should().BeFalse();
    }

    [Fact]
    public async Task Fact_WhenAbsent_NoTestHoldsButNotExistsDoes()
    {
        (await HoldsAsync(Match.Fact("intent").Is("billing"), Bare)).Should().BeFalse();
        (await HoldsAsync(Match.Fact("intent").Contains("b"), Bare)).Should().BeFalse();
        (await HoldsAsync(Match.Fact("intent").IsAnyOf("billing"), Bare)).Should().BeFalse();
        (await HoldsAsync(Match.Fact("intent").Exists(), Bare)).Should().BeFalse();
        (await HoldsAsync(Match.Fact("intent").Exists(), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.Not(Match.Fact("intent").Exists()), Bare)).Should().BeTrue();
    }

    [Fact]
    public async Task Fact_KeysAreCaseSensitiveAsStored()
    {
        (await HoldsAsync(Match.Fact("Intent").Exists(), Billing)).Should().BeFalse();
    }

    [Fact]
    public async Task ContactField_SupportsIsContainsIsAnyOfAndExists()
    {
        (await HoldsAsync(Match.ContactField("tier").Is("gold"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.ContactField("company").Contains("ACME"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.ContactField("tier").IsAnyOf("silver", "gold"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.ContactField("tier").Is("silver"), Billing)).Should().BeFalse();
        (await HoldsAsync(Match.ContactField("tier").Exists(), Bare)).Should().BeFalse();
    }

    [Theory]
    [InlineData("vip", true)]
    [InlineData("VIP", true)]
    [InlineData("newsletter", true)]
    [InlineData("vi", false)]
    [InlineData("gold", false)]
    public async Task ContactTag_HoldsWhenTheContactHasTheTagIgnoringCase(string tag, bool expected)
    {
        (await HoldsAsync(Match.ContactTag(tag), Billing)).Should().Be(expected);
    }

    [Fact]
    public async Task Channel_SupportsIsContainsAndIsAnyOf()
    {
        (await HoldsAsync(Match.Channel.Is("email"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.Channel.IsAnyOf("whatsapp", "email"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.Channel.Contains("mai"), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.Channel.IsAnyOf("whatsapp", "sms"), Billing)).Should().BeFalse();
        (await HoldsAsync(Match.Channel.Exists(), Bare)).Should().BeTrue();
    }

    [Fact]
    public async Task Where_RunsTheHostPredicate()
    {
        var urgent = Match.Where(c => c.FirstMessage!.Content.Contains("urgent", StringComparison.OrdinalIgnoreCase), "first message says urgent");

        (await HoldsAsync(urgent, WorkflowContexts.Routing(firstMessage: "URGENT: help"))).Should().BeTrue();
        (await HoldsAsync(urgent, Bare)).Should().BeFalse();
        urgent.Description.Should().Be("first message says urgent");
        Match.Where(_ => true).Description.Should().Be("custom condition");
    }

    [Fact]
    public async Task AndOrNot_CombineConditions()
    {
        var vip = Match.ContactTag("vip");
        var sales = Match.Fact("intent").Is("sales");

        (await HoldsAsync(vip.And(Match.Fact("intent").Is("billing")), Billing)).Should().BeTrue();
        (await HoldsAsync(vip.And(sales), Billing)).Should().BeFalse();
        (await HoldsAsync(sales.Or(vip), Billing)).Should().BeTrue();
        (await HoldsAsync(sales.Or(Match.ContactTag("gold")), Billing)).Should().BeFalse();
        (await HoldsAsync(Match.Not(sales), Billing)).Should().BeTrue();
        (await HoldsAsync(Match.Not(vip), Billing)).Should().BeFalse();
    }

    [Fact]
    public void And_DoesNotTestTheSecondConditionWhenTheFirstFails()
    {
        var tested = false;
        var condition = Match.ContactTag("gold").And(Match.Where(_ => tested = true));

        condition.IsMatch(Billing).Should().BeFalse();
        tested.Should().BeFalse();
    }

    [Fact]
    public async Task SeveralRulesHold_TheFirstAddedWins()
    {
        var team = await RouteAsync(
            r => r.When(Match.Channel.Is("whatsapp")).RouteTo("whatsapp-desk")
                  .When(Match.ContactTag("vip")).RouteTo("priority")
                  .When(Match.Fact("intent").Is("billing")).RouteTo("billing")
                  .Otherwise("support"),
            Billing);

        team.Should().Be(new TeamId("priority"));
    }

    [Fact]
    public async Task NoRuleHolds_WithOtherwise_RoutesToTheOtherwiseTeam()
    {
        var team = await RouteAsync(r => r.When(Match.ContactTag("vip")).RouteTo("priority").Otherwise("support"), Bare);

        team.Should().Be(new TeamId("support"));
    }

    [Fact]
    public async Task OnlyOtherwise_RoutesEverythingThere()
    {
        (await RouteAsync(r => r.Otherwise("support"), Bare)).Should().Be(new TeamId("support"));
    }

    [Fact]
    public async Task NoRuleHolds_WithoutOtherwise_ReturnsNull()
    {
        var team = await RouteAsync(r => r.When(Match.ContactTag("vip")).RouteTo("priority"), Bare);

        team.Should().BeNull();
    }

    [Fact]
    public void Router_IsNamedRules_AndDescribesItsRulesFromTheirConditions()
    {
        var router = ConversationRouters.Rules(r => r
            .When(Match.Fact("intent").Is("billing")).RouteTo("billing")
            .When(Match.ContactTag("vip").Or(Match.ContactField("tier").IsAnyOf("gold", "platinum"))).RouteTo("priority")
            .When(Match.Not(Match.Channel.Contains("chat")).And(Match.Where(_ => true, "weekday"))).RouteTo("email-desk")
            .Otherwise("support"));

        router.Name.Should().Be("rules");
        router.ToString().Should().Be(
            "rules: 1. fact \"intent\" is \"billing\" -> billing; " +
            "2. contact tag \"vip\" or contact field \"tier\" is any of [\"gold\", \"platinum\"] -> priority; " +
            "3. not channel contains \"chat\" and weekday -> email-desk; " +
            "otherwise -> support");
    }

    [Fact]
    public void NestedCombinations_AreParenthesisedInDescriptions()
    {
        var a = Match.ContactTag("a");
        var b = Match.ContactTag("b");
        var c = Match.ContactTag("c");

        a.Or(b).And(c).Description.Should().Be("(contact tag \"a\" or contact tag \"b\") and contact tag \"c\"");
        Match.Not(a.And(b)).ToString().Should().Be("not (contact tag \"a\" and contact tag \"b\")");
    }

    [Fact]
    public void RuleWithoutRouteTo_AtTheEnd_ThrowsWhenConfigured()
    {
        var act = () => ConversationRouters.Rules(r => r.When(Match.ContactTag("vip")));

        act.Should().Throw<ArgumentException>().WithMessage("Rules(configure): rule 1 (contact tag \"vip\") has no team*");
    }

    [Fact]
    public void RuleWithoutRouteTo_FollowedByAnotherRule_ThrowsWhenConfigured()
    {
        var act = () => ConversationRouters.Rules(r =>
        {
            r.When(Match.ContactTag("vip"));
            r.When(Match.ContactTag("gold")).RouteTo("priority");
        });

        act.Should().Throw<ArgumentException>().WithMessage("RoutingRulesBuilder.When(condition): rule 1*no team*");
    }

    [Fact]
    public void RouteTo_TwiceOnOneRule_ThrowsWhenConfigured()
    {
        var act = () => ConversationRouters.Rules(r =>
        {
            var rule = r.When(Match.ContactTag("vip"));
            rule.RouteTo("priority");
            rule.RouteTo("support");
        });

        act.Should().Throw<ArgumentException>().WithMessage("RoutingRuleBuilder.RouteTo(team): rule 1 * already routes to \"priority\"*");
    }

    public static TheoryData<Action<RoutingRulesBuilder>> InvalidTeams => new()
    {
        r => r.When(Match.ContactTag("vip")).RouteTo(""),
        r => r.When(Match.ContactTag("vip")).RouteTo("  "),
        r => r.When(Match.ContactTag("vip")).RouteTo(null!),
        r => r.Otherwise(""),
    };

    [Theory]
    [MemberData(nameof(InvalidTeams))]
    public void InvalidTeamId_ThrowsWhenConfigured(Action<RoutingRulesBuilder> configure)
    {
        var act = () => ConversationRouters.Rules(configure);

        act.Should().Throw<ArgumentException>().WithMessage("*(team): the TeamId is not valid*").Which.ParamName.Should().Be("team");
    }

    public static TheoryData<string, Action<RoutingRulesBuilder>> InvalidConfigurations => new()
    {
        { "condition", r => r.When(null!).RouteTo("support") },
        { "configure", _ => { } },
        { "team", r => r.Otherwise("support").Otherwise("sales") },
        { "key", r => r.When(Match.Fact("").Exists()).RouteTo("support") },
        { "key", r => r.When(Match.ContactField(" ").Is("x")).RouteTo("support") },
        { "tag", r => r.When(Match.ContactTag("")).RouteTo("support") },
        { "value", r => r.When(Match.Fact("intent").Is("")).RouteTo("support") },
        { "value", r => r.When(Match.Fact("intent").Is(null!)).RouteTo("support") },
        { "text", r => r.When(Match.Fact("intent").Contains("")).RouteTo("support") },
        { "values", r => r.When(Match.Channel.IsAnyOf()).RouteTo("support") },
        { "values", r => r.When(Match.Channel.IsAnyOf("email", "")).RouteTo("support") },
        { "predicate", r => r.When(Match.Where(null!)).RouteTo("support") },
        { "condition", r => r.When(Match.Not(null!)).RouteTo("support") },
        { "other", r => r.When(Match.ContactTag("vip").And(null!)).RouteTo("support") },
        { "other", r => r.When(Match.ContactTag("vip").Or(null!)).RouteTo("support") },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void InvalidConfiguration_ThrowsWhenConfigured(string field, Action<RoutingRulesBuilder> configure)
    {
        var act = () => ConversationRouters.Rules(configure);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(field);
    }
}
