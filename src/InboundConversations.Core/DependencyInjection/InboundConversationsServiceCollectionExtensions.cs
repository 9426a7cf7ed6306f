using InboundConversations;
using InboundConversations.Internal.Engine;
using InboundConversations.Storage;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers InboundConversations in a host's service collection.</summary>
public static class InboundConversationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationEngine"/> and <see cref="IAgentRoster"/> (singletons) with their defaults:
    /// the <see cref="InMemoryConversationStore"/>, <see cref="InMemoryAgentDirectory"/>,
    /// <see cref="InMemoryContactStore"/> and <see cref="TimeProvider.System"/>. Everything is registered with
    /// <c>TryAdd</c>, so a service the host registered itself (a store, a <see cref="TimeProvider"/>) is kept.
    /// When the container is disposed, the engine and the roster refuse every further call with
    /// <see cref="ObjectDisposedException"/>; the host's own stores are disposed by the container as usual.
    /// <para>
    /// Options: <see cref="InboundConversationsOptions"/> (the limits on input) and
    /// <see cref="InboundWorkflowOptions"/> (step timeout, run lease, which openings
    /// start a run), both registered here and validated when the host starts (<c>ValidateOnStart</c>) and when the
    /// engine is first resolved; bind either from configuration with <c>services.Configure&lt;T&gt;(section)</c>.
    /// </para>
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Adjusts the <see cref="InboundConversationsOptions"/> (after any configuration registered before this call); validated when the host starts.</param>
    /// <returns>A builder for the rest of the configuration.</returns>
    public static IInboundConversationsBuilder AddInboundConversations(
        this IServiceCollection services, Action<InboundConversationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<InboundConversationsOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboundConversationsOptions>, InboundConversationsOptionsValidator>());
        services.AddOptions<InboundWorkflowOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboundWorkflowOptions>, InboundWorkflowOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryConversationStore>();
        services.TryAddSingleton<IConversationStore>(static sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IAgentDirectory, InMemoryAgentDirectory>();
        services.TryAddSingleton<IContactStore, InMemoryContactStore>();
        services.TryAddSingleton(static sp => new Inbox(
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<IAgentDirectory>(),
            sp.GetRequiredService<IContactStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<InboundConversationsOptions>>().Value,
            sp.GetRequiredService<IOptions<InboundWorkflowOptions>>().Value,
            sp.GetServices<IConversationEventHandler>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("InboundConversations"),
            sp.GetService<InboundWorkflowDefinition>()));
        services.TryAddSingleton(static sp => sp.GetRequiredService<Inbox>().Engine);
        services.TryAddSingleton(static sp => sp.GetRequiredService<Inbox>().Roster);
        return new InboundConversationsBuilder(services);
    }
}
