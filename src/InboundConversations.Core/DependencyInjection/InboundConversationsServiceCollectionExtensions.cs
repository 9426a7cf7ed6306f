using InboundConversations;
using InboundConversations.Engine;
using InboundConversations.Storage;
using InboundConversations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers InboundConversations in a host's service collection.</summary>
public static class InboundConversationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationEngine"/> (a singleton) with its defaults: the
    /// <see cref="InMemoryConversationStore"/> and <see cref="TimeProvider.System"/>. Everything is registered with
    /// <c>TryAdd</c>, so a service the host registered itself (a store, a <see cref="TimeProvider"/>) is kept.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Adjusts the <see cref="InboundConversationsOptions"/>; validated when the host starts.</param>
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
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryConversationStore>();
        services.TryAddSingleton<IConversationStore>(static sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IConversationEngine>(static sp => new ConversationEngine(
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<InboundConversationsOptions>>().Value,
            sp.GetServices<IConversationEventHandler>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("InboundConversations")));
        return new InboundConversationsBuilder(services);
    }
}
