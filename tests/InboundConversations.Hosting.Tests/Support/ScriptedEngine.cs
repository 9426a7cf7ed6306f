using System.Collections.Concurrent;
using System.Threading.Channels;

namespace InboundConversations.Hosting.Tests.Support;

/// <summary>
/// An <see cref="IConversationEngine"/> whose <see cref="ProcessDueAsync"/> plays scripted passes in order (then empty
/// ones), and reports each call: when it started on the clock, with which token, how many ran at once.
/// </summary>
internal sealed class ScriptedEngine(TimeProvider clock) : IConversationEngine
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<ProcessDueResult>>> _script = new();
    private readonly Channel<Pass> _calls = Channel.CreateUnbounded<Pass>();
    private int _count;
    private int _running;
    private int _mostAtOnce;

    /// <summary>Calls of <see cref="ProcessDueAsync"/> so far.</summary>
    public int Calls => Volatile.Read(ref _count);

    /// <summary>The most passes that ever ran at the same time.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>Plays <paramref name="pass"/> at the next call not yet scripted.</summary>
    public ScriptedEngine Then(Func<CancellationToken, Task<ProcessDueResult>> pass)
    {
        _script.Enqueue(pass);
        return this;
    }

    /// <summary>Waits for the next call and says when it started and with which token.</summary>
    public Task<Pass> NextCallAsync() => _calls.Reader.ReadAsync().AsTask().WaitAsync(Patience.Limit);

    public async ValueTask<ProcessDueResult> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        var running = Interlocked.Increment(ref _running);
        try
        {
            InterlockedMax(ref _mostAtOnce, running);
            Interlocked.Increment(ref _count);
            _calls.Writer.TryWrite(new Pass(clock.GetUtcNow(), cancellationToken));
            return _script.TryDequeue(out var pass) ? await pass(cancellationToken) : new ProcessDueResult();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int field, int value)
    {
        for (var seen = Volatile.Read(ref field); value > seen; seen = Volatile.Read(ref field))
        {
            if (Interlocked.CompareExchange(ref field, value, seen) == seen)
            {
                return;
            }
        }
    }

    public ValueTask<ReceiveResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> OpenAsync(OpenConversationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<ConversationMessage> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> CloseAsync(CloseConversationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> AssignAsync(AssignConversationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> UnassignAsync(UnassignConversationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> TransferAsync(TransferConversationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> SnoozeAsync(SnoozeConversationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation> GetConversationAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Conversation?> FindOpenConversationAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<Conversation>> GetContactConversationsAsync(ContactId contact, WorkspaceId workspace = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<ConversationMessage>> GetMessagesAsync(ConversationId conversationId, WorkspaceId workspace = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>One call: the clock's time when it started, and the token it was given.</summary>
    internal sealed record Pass(DateTimeOffset At, CancellationToken Token);
}
