using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the inbound workflow to <see cref="IInboundConversationsBuilder"/>.</summary>
public static class InboundWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Configures the inbound workflow: on <em>Conversation Opened</em> (by default for conversations a contact
    /// opened) it enriches, routes and auto-assigns, and ends when an agent is assigned or, if none is available,
    /// when the team's queue assigns one. Calling it again replaces the earlier configuration. The step timeout, the
    /// run lease and the sources whose openings start a run are <see cref="InboundWorkflowOptions"/>, bound or
    /// configured apart (<c>services.Configure&lt;InboundWorkflowOptions&gt;(…)</c>) and validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInboundConversations()</c>.</param>
    /// <param name="configure">Configures conditions, enrichers, router, default team and assigner.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">
    /// A set-up mistake, thrown here, its message starting with <c>AddInboundWorkflow:</c> and naming the call: the
    /// workflow routes nowhere (neither a router nor a default team), or a builder call was given a bad argument.
    /// </exception>
    public static IInboundConversationsBuilder AddInboundWorkflow(this IInboundConversationsBuilder builder, Action<InboundWorkflowBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var workflow = new InboundWorkflowBuilder(builder.Services);
        configure(workflow);
        workflow.Validate(nameof(configure));
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => workflow.Build(sp, sp.GetRequiredService<IOptions<InboundWorkflowOptions>>().Value)));
        return builder;
    }
}
