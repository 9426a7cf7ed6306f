using InboundConversations;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the inbound workflow to <see cref="IInboundConversationsBuilder"/>.</summary>
public static class InboundWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Configures the inbound workflow: on <em>Conversation Opened</em> (by default for conversations a contact
    /// opened) it enriches, routes and auto-assigns, and ends when an agent is assigned or, if none is available,
    /// when the team's queue assigns one. Calling it again replaces the earlier configuration.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInboundConversations()</c>.</param>
    /// <param name="configure">Configures conditions, enrichers, router, default team, assigner and step timeout.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InboundConversations.InvalidRequestException">The workflow routes nowhere (neither a router nor a default team).</exception>
    public static IInboundConversationsBuilder AddInboundWorkflow(this IInboundConversationsBuilder builder, Action<InboundWorkflowBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var workflow = new InboundWorkflowBuilder(builder.Services);
        configure(workflow);
        workflow.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton(workflow.Build));
        return builder;
    }
}
