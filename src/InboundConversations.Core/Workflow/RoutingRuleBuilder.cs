namespace InboundConversations.Workflow;

/// <summary>A routing rule with its condition, waiting for its team: call <see cref="RouteTo"/>.</summary>
public sealed class RoutingRuleBuilder
{
    private readonly RoutingRulesBuilder _rules;
    private readonly int _index;

    internal RoutingRuleBuilder(RoutingRulesBuilder rules, int index)
    {
        _rules = rules;
        _index = index;
    }

    /// <summary>Sends conversations the rule's condition holds for to <paramref name="team"/>.</summary>
    /// <param name="team">The team's id.</param>
    /// <returns>The rules builder, for the next rule or <see cref="RoutingRulesBuilder.Otherwise"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="team"/> is not a valid team id, or this rule already has a team.</exception>
    public RoutingRulesBuilder RouteTo(string team) =>
        _rules.Complete(_index, team, $"{nameof(RoutingRuleBuilder)}.{nameof(RouteTo)}(team)", nameof(team));
}
