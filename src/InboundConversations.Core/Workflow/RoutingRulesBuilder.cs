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
/// is configured, never when a conversation arrives: an <see cref="ArgumentException"/> naming the call.
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
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="ArgumentException">The previous rule has no team.</exception>
    public RoutingRuleBuilder When(RoutingCondition condition)
    {
        RoutingCondition.Require(condition, nameof(condition));
        RequireComplete($"{nameof(RoutingRulesBuilder)}.{nameof(When)}(condition)", nameof(condition));
        _rules.Add((condition, null));
        return new RoutingRuleBuilder(this, _rules.Count - 1);
    }

    /// <summary>
    /// The team when no rule holds. Without it the router finds no team, and the workflow's
    /// <see cref="InboundWorkflowBuilder.DefaultTeam"/> applies (or the conversation stays Unassigned).
    /// </summary>
    /// <param name="team">The team's id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="team"/> is not a valid team id, or Otherwise was already given.</exception>
    public RoutingRulesBuilder Otherwise(string team)
    {
        const string call = $"{nameof(RoutingRulesBuilder)}.{nameof(Otherwise)}(team)";
        var id = SetupError.Team(team, call, nameof(team));
        if (_otherwise is { } earlier)
        {
            throw SetupError.Invalid(call, $"Otherwise is given twice (\"{earlier}\", then \"{id}\")", nameof(team));
        }

        _otherwise = id;
        return this;
    }

    internal RoutingRulesBuilder Complete(int index, string team, string call, string paramName)
    {
        var id = SetupError.Team(team, call, paramName);
        if (_rules[index].Team is { } earlier)
        {
            throw SetupError.Invalid(call, $"rule {index + 1} ({_rules[index].Condition}) already routes to \"{earlier}\"", paramName);
        }

        _rules[index] = (_rules[index].Condition, id);
        return this;
    }

    internal IConversationRouter Build(string paramName)
    {
        const string call = "Rules(configure)";
        RequireComplete(call, paramName);
        if (_rules.Count == 0 && _otherwise is null)
        {
            throw SetupError.Invalid(call, "the rule-based router has no rule and no Otherwise team", paramName);
        }

        return new RuleRouter([.. _rules.Select(r => new RoutingRule(r.Condition, r.Team!.Value))], _otherwise);
    }

    private void RequireComplete(string call, string paramName)
    {
        if (_rules.Count > 0 && _rules[^1] is { Team: null } pending)
        {
            throw SetupError.Invalid(call, $"rule {_rules.Count} ({pending.Condition}) has no team; finish it with RouteTo(team)", paramName);
        }
    }
}
