using System.Diagnostics.CodeAnalysis;

namespace InboundConversations.Internal.Engine;

/// <summary>
/// Whether the container that built the inbox was disposed. The façades check it before every call (one volatile
/// read), so a disposed inbox refuses new calls before they touch any state; a call that passed the check completes.
/// </summary>
internal sealed class InboxLifetime
{
    private volatile bool _disposed;

    /// <summary>Throws if the container was disposed; the name is the public service's.</summary>
    public void ThrowIfDisposed(string service)
    {
        if (_disposed)
        {
            ThrowDisposed(service);
        }
    }

    /// <summary>Marks the inbox disposed; idempotent, and never waits for calls in flight.</summary>
    public void End() => _disposed = true;

    [DoesNotReturn]
    private static void ThrowDisposed(string service) => throw new ObjectDisposedException(service);
}
