using InboundConversations;
using InboundConversations.Hosting;
using InboundConversations.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs the engine's background pass in a generic or ASP.NET Core host: <c>services.AddInboundConversations().AddBackgroundProcessing()</c>.</summary>
public static class BackgroundProcessingBuilderExtensions
{
    /// <summary>
    /// Adds a hosted service that calls <see cref="IConversationEngine.ProcessDueAsync"/> as the host starts (beside
    /// the other hosted services, not before them: the server may take requests meanwhile, which the engine allows)
    /// and then <see cref="BackgroundProcessingOptions.Interval"/> after each pass ends: due timers fire (queue
    /// timeouts, auto-closes, snooze ends), interrupted workflow runs resume, leftover reservations are released and
    /// queues drained. It waits on the library's <see cref="TimeProvider"/> (the one registered in the services),
    /// never overlaps itself, logs a pass that throws (event 4002, the exception's type only) and tries again at the
    /// next pass, and stops promptly when the host stops, cancelling a pass in flight. Several processes may each run
    /// it: the store's claims make one of them fire each timer. Calling it again adds no second service; each
    /// <paramref name="configure"/> applies, in order.
    /// </summary>
    /// <param name="builder">The builder from <c>AddInboundConversations()</c>.</param>
    /// <param name="configure">Adjusts the <see cref="BackgroundProcessingOptions"/> (after any configuration registered before this call); validated when the host starts.</param>
    /// <returns>The same builder.</returns>
    public static IInboundConversationsBuilder AddBackgroundProcessing(
        this IInboundConversationsBuilder builder, Action<BackgroundProcessingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<BackgroundProcessingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackgroundProcessingOptions>, BackgroundProcessingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundProcessingService>(static sp => new BackgroundProcessingService(
            sp.GetRequiredService<IConversationEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BackgroundProcessingOptions>>().Value.Interval,
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("InboundConversations.Hosting"))));
        return builder;
    }
}
