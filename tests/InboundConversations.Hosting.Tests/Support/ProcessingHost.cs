using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace InboundConversations.Hosting.Tests.Support;

/// <summary>
/// The services a host would build: <c>AddInboundConversations().AddBackgroundProcessing(…)</c> over a
/// <see cref="TickingClock"/>, a fake logger at every level, and (unless a real engine is wanted) a
/// <see cref="ScriptedEngine"/> in place of the library's. <see cref="Service"/> is the hosted service, started and
/// stopped by the test as the host would.
/// </summary>
internal sealed class ProcessingHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly Lazy<BackgroundService> _service;

    private ProcessingHost(ServiceProvider provider, TickingClock clock, ScriptedEngine? engine)
    {
        _provider = provider;
        Clock = clock;
        Scripted = engine;
        _service = new Lazy<BackgroundService>(() => (BackgroundService)provider.GetServices<IHostedService>().Single());
    }

    public TickingClock Clock { get; }

    /// <summary>The scripted engine, or <see langword="null"/> with the library's real one.</summary>
    public ScriptedEngine? Scripted { get; }

    public ScriptedEngine Engine => Scripted ?? throw new InvalidOperationException("This host runs the library's engine.");

    /// <summary>The hosted service, resolved at first use (resolving it reads the options, as a host's start does).</summary>
    public BackgroundService Service => _service.Value;

    public IServiceProvider Services => _provider;

    /// <summary>The records logged so far.</summary>
    public IReadOnlyList<FakeLogRecord> Logs => _provider.GetFakeLogCollector().GetSnapshot();

    /// <summary>With a scripted engine.</summary>
    public static ProcessingHost WithScript(Action<ScriptedEngine>? script = null, Action<BackgroundProcessingOptions>? configure = null)
    {
        var clock = new TickingClock();
        var engine = new ScriptedEngine(clock);
        script?.Invoke(engine);
        return Build(clock, engine, configure);
    }

    /// <summary>With the library's own engine and in-memory stores.</summary>
    /// <param name="inbox">Further configuration of the library (event handlers).</param>
    public static ProcessingHost WithRealEngine(Action<IInboundConversationsBuilder>? inbox = null) => Build(new TickingClock(), null, configure: null, inbox);

    private static ProcessingHost Build(
        TickingClock clock, ScriptedEngine? engine, Action<BackgroundProcessingOptions>? configure, Action<IInboundConversationsBuilder>? inbox = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)).AddFakeLogging();
        services.AddSingleton<TimeProvider>(clock);
        if (engine is not null)
        {
            services.AddSingleton<IConversationEngine>(engine);
        }

        var builder = services.AddInboundConversations().AddBackgroundProcessing(configure);
        inbox?.Invoke(builder);
        return new ProcessingHost(services.BuildServiceProvider(), clock, engine);
    }

    public Task StartAsync() => Service.StartAsync(CancellationToken.None);

    /// <summary>Stops the service as the host does, failing the test if that does not end within <see cref="Patience.Limit"/>.</summary>
    public Task StopAsync() => Service.StopAsync(CancellationToken.None).WaitAsync(Patience.Limit);

    public async ValueTask DisposeAsync()
    {
        if (_service.IsValueCreated)
        {
            await Service.StopAsync(CancellationToken.None).WaitAsync(Patience.Limit);
        }

        await _provider.DisposeAsync();
    }
}
