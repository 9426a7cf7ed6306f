namespace InboundConversations.Workflow.Internal;

/// <summary>One rule of the rule-based router.</summary>
internal sealed record RoutingRule(RoutingCondition Condition, TeamId Team)
{
    public string Description => $"{Condition.Description} -> {Team}";
}

/// <summary>Tests its rules in order; the first that holds names the team, else the Otherwise team, else none.</summary>
internal sealed class RuleRouter(IReadOnlyList<RoutingRule> rules, TeamId? otherwise) : IConversationRouter
{
    public string Name => "rules";

    public IReadOnlyList<RoutingRule> Rules => rules;

    public TeamId? OtherwiseTeam => otherwise;

    public ValueTask<TeamId?> RouteAsync(RoutingContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Find(context)?.Team ?? otherwise);
    }

    /// <summary>The first rule that holds for <paramref name="context"/>, or <see langword="null"/>.</summary>
    public RoutingRule? Find(RoutingContext context)
    {
        foreach (var rule in rules)
        {
            if (rule.Condition.IsMatch(context))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The rules in order, for logs: <c>rules: 1. fact "intent" is "billing" -> billing; otherwise -> support</c>.</summary>
    public override string ToString()
    {
        var parts = rules.Select((rule, i) => $"{i + 1}. {rule.Description}");
        if (otherwise is { } team)
        {
            parts = parts.Append($"otherwise -> {team}");
        }

        return $"{Name}: {string.Join("; ", parts)}";
    }
}
