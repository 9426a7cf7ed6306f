namespace InboundConversations.Workflow;

/// <summary>The shipped routers, for hosts that set them with <see cref="InboundWorkflowBuilder.RouteBy(IConversationRouter)"/> or compose them.</summary>
public static class ConversationRouters
{
    /// <summary>
    /// A router that tests its rules in the order they were added: the first whose condition holds names the team;
    /// when none holds, the <see cref="RoutingRulesBuilder.Otherwise"/> team, and without one no team (the
    /// workflow's default team then applies, and the route step is recorded as NoMatch).
    /// </summary>
    /// <remarks>
    /// Named <c>rules</c> in the run record. Routing costs one test per rule up to the first that holds: O(1) each
    /// for equality and any-of tests, O(length) for contains, whatever a <see cref="Match.Where"/> predicate costs.
    /// A predicate that throws fails the step, and the workflow's default team applies. The router's
    /// <see cref="object.ToString"/> lists its rules with their descriptions, for a host's startup log. Immutable;
    /// safe to share between concurrent runs.
    /// </remarks>
    /// <param name="configure">Adds the rules, for example
    /// <c>rules =&gt; rules.When(Match.Fact("intent").Is("billing")).RouteTo("billing").Otherwise("support")</c>.</param>
    /// <returns>The router.</returns>
    /// <exception cref="ArgumentException">
    /// A set-up mistake, its message naming the call: a rule has no team, a condition is null, a team id is not valid,
    /// or there is neither a rule nor an Otherwise team.
    /// </exception>
    public static IConversationRouter Rules(Action<RoutingRulesBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new RoutingRulesBuilder();
        configure(builder);
        return builder.Build(nameof(configure));
    }
}
