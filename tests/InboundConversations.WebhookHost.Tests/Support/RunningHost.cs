using InboundConversations.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Tests.Support;

/// <summary>
/// The sample's real host, on Kestrel at 127.0.0.1 on a port the system picks, with the sample's appsettings.json and
/// a fake clock (<see cref="HostClock"/>) as the library's; <see cref="Client"/> talks to it over HTTP. Started, it
/// has run the background processing's first pass, and that service waits for the clock.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    /// <summary>When every host's clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private RunningHost(WebApplication app, HostClock clock, Uri address)
    {
        _app = app;
        Clock = clock;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public HostClock Clock { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the host; it answers as soon as this returns, the first background pass done.</summary>
    /// <param name="settings">Extra command-line configuration, e.g. <c>--Inbox:Agents:0:Capacity=1</c>.</param>
    /// <param name="services">Registrations made before the sample's own, which therefore win (a shared store).</param>
    public static async Task<RunningHost> StartAsync(string[]? settings = null, Action<IServiceCollection>? services = null)
    {
        var clock = new HostClock(Start);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--contentRoot", AppContext.BaseDirectory,
            "--Logging:LogLevel:Default", "Warning",
            .. settings ?? [],
        ];
        var app = WebhookHostApp.Build(args, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync();
            // The background processing's first pass runs beside the start; it has ended once its wait begins.
            await clock.WaitForTimerAsync(app.Services.GetRequiredService<IOptions<BackgroundProcessingOptions>>().Value.Interval);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningHost(app, clock, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
