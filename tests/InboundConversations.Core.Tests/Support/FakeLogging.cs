using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace InboundConversations.Tests.Support;

/// <summary>Wires Microsoft.Extensions.Diagnostics.Testing's fake logger into a <see cref="TestInbox"/>, every level on.</summary>
public static class FakeLogging
{
    /// <summary>Pass as <c>services:</c> to <see cref="TestInbox"/>.</summary>
    public static void Add(IServiceCollection services) =>
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)).AddFakeLogging();

    /// <summary>The records the engine logged so far.</summary>
    public static IReadOnlyList<FakeLogRecord> Logs(this TestInbox inbox) =>
        inbox.Services.GetFakeLogCollector().GetSnapshot();
}
