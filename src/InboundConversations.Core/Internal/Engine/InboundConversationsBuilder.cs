using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Internal.Engine;

internal sealed class InboundConversationsBuilder(IServiceCollection services) : IInboundConversationsBuilder
{
    public IServiceCollection Services { get; } = services;
}
