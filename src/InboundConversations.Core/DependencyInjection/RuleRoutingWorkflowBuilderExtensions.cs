using InboundConversations.Workflow;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sets the rule-based router on <see cref="InboundWorkflowBuilder"/>.</summary>
public static class RuleRoutingWorkflowBuilderExtensions
{
    /// <summary>
    /// Routes with ordered rules, the first that holds wins, replacing any router set before. See
    /// <see cref="ConversationRouters.Rules"/> for the semantics and cost.
    /// </summary>
    /// <param name="builder">The workflow's builder.</param>
    /// <param name="configure">Adds the rules, for example
    /// <c>rules =&gt; rules.When(Match.ContactTag("vip")).RouteTo("priority").Otherwise("support")</c>.</param>
    /// <returns>The same workflow builder.</returns>
    /// <exception cref="ArgumentException">The configuration is invalid (a team id among it), the message naming the call; thrown while the workflow is configured.</exception>
    public static InboundWorkflowBuilder RouteByRules(this InboundWorkflowBuilder builder, Action<RoutingRulesBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RouteBy(ConversationRouters.Rules(configure));
    }
}
