using System.Diagnostics.CodeAnalysis;
using InboundConversations;
using InboundConversations.Internal.Changes;
using InboundConversations.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The core options of <see cref="IInboundConversationsBuilder"/>.</summary>
public static class InboundConversationsBuilderExtensions
{
    /// <summary>Replaces the in-memory store with the host's own <see cref="IConversationStore"/> (a singleton).</summary>
    /// <typeparam name="TStore">The host's store; prove it with the contract suites of <c>InboundConversations.Testing</c>.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder UseConversationStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IInboundConversationsBuilder builder)
        where TStore : class, IConversationStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IConversationStore, TStore>());
        return builder;
    }

    /// <summary>Replaces the in-memory store with one the host builds (a singleton).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the store from the host's services.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder UseConversationStore(
        this IInboundConversationsBuilder builder, Func<IServiceProvider, IConversationStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Replaces the in-memory agent directory with the host's own <see cref="IAgentDirectory"/> (a singleton).</summary>
    /// <typeparam name="TDirectory">The host's directory; its <c>ReserveAsync</c> must pick and reserve atomically.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder UseAgentDirectory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TDirectory>(this IInboundConversationsBuilder builder)
        where TDirectory : class, IAgentDirectory
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAgentDirectory, TDirectory>());
        return builder;
    }

    /// <summary>Replaces the in-memory contact store with the host's own <see cref="IContactStore"/> (a singleton).</summary>
    /// <typeparam name="TStore">The host's contact store.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder UseContactStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IInboundConversationsBuilder builder)
        where TStore : class, IContactStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IContactStore, TStore>());
        return builder;
    }

    /// <summary>
    /// Adds a handler of <see cref="ConversationEvent"/>s. The handler is resolved as <typeparamref name="THandler"/>:
    /// one the host registered itself is the instance used; otherwise it is registered as a singleton. Adding the same
    /// type twice adds it once. Handlers run after the change is stored, in order per conversation; one that throws
    /// is logged and does not undo the change.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder AddEventHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IInboundConversationsBuilder builder)
        where THandler : class, IConversationEventHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(static d => d.ServiceType == typeof(HandlerRegistration<THandler>)))
        {
            return builder;
        }

        builder.Services.AddSingleton<HandlerRegistration<THandler>>();
        builder.Services.TryAddSingleton<THandler>();
        builder.Services.AddSingleton<IConversationEventHandler>(static sp => sp.GetRequiredService<THandler>());
        return builder;
    }

    /// <summary>Adds a handler instance of <see cref="ConversationEvent"/>s.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder AddEventHandler(this IInboundConversationsBuilder builder, IConversationEventHandler handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.AddSingleton(handler);
        return builder;
    }

    /// <summary>Adds a delegate as a handler of one kind of <see cref="ConversationEvent"/>.</summary>
    /// <typeparam name="TEvent">The event type to handle, for example <see cref="ConversationOpened"/>.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="handler">Called for each event of that type, after the change is stored.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder OnEvent<TEvent>(
        this IInboundConversationsBuilder builder, Func<TEvent, CancellationToken, ValueTask> handler)
        where TEvent : ConversationEvent
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        var number = 1 + builder.Services.Count(static d => d.ServiceType == typeof(IConversationEventHandler) && d.ImplementationInstance is IDescribedEventHandler);
        builder.Services.AddSingleton<IConversationEventHandler>(new DelegateEventHandler<TEvent>(handler, number));
        return builder;
    }

    /// <summary>A delegate handler, described in logs by its event type, its registration number and its method.</summary>
    private sealed class DelegateEventHandler<TEvent>(Func<TEvent, CancellationToken, ValueTask> handler, int number) : IConversationEventHandler, IDescribedEventHandler
        where TEvent : ConversationEvent
    {
        public string Description { get; } =
            $"OnEvent<{typeof(TEvent).Name}> #{number} ({handler.Method.DeclaringType?.FullName}.{handler.Method.Name})";

        public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken) =>
            conversationEvent is TEvent typed ? handler(typed, cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Marks a handler type as added, so adding it again adds nothing.</summary>
    private sealed class HandlerRegistration<THandler>;
}
