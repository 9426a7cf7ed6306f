using InboundConversations.Workflow.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Workflow;

/// <summary>
/// Configures the rule-based router: an ordered list of <c>When(condition).RouteTo(team)</c> rules and an optional
/// <see cref="Otherwise"/> team. Handed to <see cref="RuleRoutingWorkflowBuilderExtensions.RouteByRules"/> and
/// <see cref="ConversationRouters.Rules"/>.
/// </summary>
/// <remarks>
/// Rules are tested in the order they were added; the first that holds names the team. Every argument is checked
/// when it is given, and the whole list when the router is built, so a bad configuration fails while the workflow
/// is configured, never when a conversation arrives.
/// </remarks>
public sealed class RoutingRulesBuilder
{
    private readonly List<(RoutingCondition Condition, TeamId? Team)> _rules = [];
    private TeamId? _otherwise;

    internal RoutingRulesBuilder()
    {
    }

    /// <summary>Starts a rule; finish it with <see cref="RoutingRuleBuilder.RouteTo"/>.</summary>
    /// <param name="condition">When the rule applies, made with <see cref="Match"/>.</param>
    /// <returns>The rule, waiting for its team.</returns>
    /// <exception cref="InvalidRequestException"><paramref name="condition"/> is null, or the previous rule has no team.</exception>
    public RoutingRuleBuilder When(RoutingCondition condition)
    {
        RoutingCondition.Require(condition, nameof(condition));
        RequireComplete();
        _rules.Add((condition, null));
        return new RoutingRuleBuilder(this, _rules.Count - 1);
    }

    /// <summary>
    /// The team when no rule holds. Without it the router finds no team, and the workflow's
    /// <see cref="InboundWorkflowBuilder.DefaultTeam"/> applies (or the conversation stays Unassigned).
    /// </summary>
    /// <param name="team">The team's id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidIdentifierException"><paramref name="team"/> is not a valid team id.</exception>
    /// <exception cref="InvalidRequestException">Otherwise was already given.</exception>
    public RoutingRulesBuilder Otherwise(string team)
    {
        var id = new TeamId(team);
        if (_otherwise is { } earlier)
        {
            throw new InvalidRequestException(nameof(team), $"Otherwise is given twice (\"{earlier}\", then \"{id}\")");
        }

        _otherwise = id;
        return this;
    }

    internal RoutingRulesBuilder Complete(int index, TeamId team)
    {
        if (_rules[index].Team is { } earlier)
        {
            throw new InvalidRequestException(nameof(team), $"rule {index + 1} ({_rules[index].Condition}) already routes to \"{earlier}\"");
        }

        _rules[index] = (_rules[index].Condition, team);
        return this;
    }

    internal IConversationRouter Build()
    {
        RequireComplete();
        if (_rules.Count == 0 && _otherwise is null)
        {
            throw new InvalidRequestException("rules", "the rule-based router has no rule and no Otherwise team");
        }

        return new RuleRouter([.. _rules.Select(r => new RoutingRule(r.Condition, r.Team!.Value))], _otherwise);
    }

    private void RequireComplete()
    {
        if (_rules.Count > 0 && _rules[^1] is { Team: null } pending)
        {
            throw new InvalidRequestException("rules", $"rule {_rules.Count} ({pending.Condition}) has no team; finish it with RouteTo(team)");
        }
    }
}
