namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <see cref="InboundConversationsServiceCollectionExtensions.AddInboundConversations"/>; every further
/// option of the library is an extension method on it (<c>UseConversationStore</c>, <c>AddEventHandler</c>, and the
/// workflow and adapter packages' own).
/// </summary>
public interface IInboundConversationsBuilder
{
    /// <summary>The host's service collection.</summary>
    IServiceCollection Services { get; }
}
