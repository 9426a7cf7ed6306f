using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Support;

public static class ServiceProviderExtensions
{
    /// <summary>The <see cref="ThrowingEventHandler"/> registered with <c>AddEventHandler</c>.</summary>
    public static ThrowingEventHandler GetThrowingHandler(this IServiceProvider services) =>
        services.GetServices<IConversationEventHandler>().OfType<ThrowingEventHandler>().Single();
}
