namespace Microsoft.Extensions.DependencyInjection;

internal sealed class InboundConversationsBuilder(IServiceCollection services) : IInboundConversationsBuilder
{
    public IServiceCollection Services { get; } = services;
}
