using InboundConversations.Testing;

namespace InboundConversations.Tests.Reliability;

/// <summary>What a host does with a transient store error: call again with the same arguments, a few times.</summary>
public sealed class HostRetry(int maxAttempts = 25)
{
    private long _calls;
    private long _retries;

    /// <summary>Calls made by the host (first attempts only).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls made again after an injected fault.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        Interlocked.Increment(ref _calls);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (InjectedFaultException) when (attempt < maxAttempts)
            {
                Interlocked.Increment(ref _retries);
            }
        }
    }

    public Task<ReceiveResult> ReceiveAsync(IConversationEngine engine, InboundMessage message) =>
        RunAsync(() => engine.ReceiveAsync(message).AsTask());

    /// <summary>Closes; a retry that finds the conversation closed means the first attempt's close was kept.</summary>
    public Task<bool> CloseAsync(IConversationEngine engine, ConversationId id) =>
        RunAsync(async () =>
        {
            try
            {
                await engine.CloseAsync(new CloseConversationRequest { ConversationId = id, ClosedBy = Actor.Agent(new AgentId("closer")) });
                return true;
            }
            catch (ConversationClosedException)
            {
                return false;
            }
        });
}
