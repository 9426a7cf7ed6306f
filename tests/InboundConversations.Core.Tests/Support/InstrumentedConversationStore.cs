using InboundConversations.Storage;

namespace InboundConversations.Tests.Support;

/// <summary>
/// A store around another that counts the writes and fails the ones a test names, as a database outage would;
/// everything else goes through. <see cref="Before"/> runs ahead of every call, read or write: what another process
/// does meanwhile, or a call held up in flight.
/// </summary>
public class InstrumentedConversationStore(IConversationStore inner) : IConversationStore
{
    private int _writes;

    /// <summary>Decides, per write (by method name), whether it fails before reaching the inner store.</summary>
    public Func<string, bool> Fails { get; set; } = _ => false;

    /// <summary>Decides, per write (by method name), an exception to throw instead of writing (a version conflict, say).</summary>
    public Func<string, Exception?> Throws { get; set; } = _ => null;

    /// <summary>Runs before every call (by method name), before <see cref="Throws"/> and <see cref="Fails"/>.</summary>
    public Func<string, ValueTask> Before { get; set; } = _ => ValueTask.CompletedTask;

    /// <summary>How many writes reached the inner store.</summary>
    public int Writes => Volatile.Read(ref _writes);

    private void Check(string call)
    {
        if (Throws(call) is { } exception)
        {
            throw exception;
        }

        if (Fails(call))
        {
            throw new IOException($"Simulated store outage in {call}.");
        }

        Interlocked.Increment(ref _writes);
    }

    public async ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken)
    {
        await Before(nameof(AppendInboundAsync));
        Check(nameof(AppendInboundAsync));
        return await inner.AppendInboundAsync(append, cancellationToken);
    }

    public async ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, WorkflowRun? pendingRun, CancellationToken cancellationToken)
    {
        await Before(nameof(OpenAsync));
        Check(nameof(OpenAsync));
        return await inner.OpenAsync(conversation, pendingRun, cancellationToken);
    }

    public async ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, ConversationTimer? arm, CancellationToken cancellationToken)
    {
        await Before(nameof(AppendOutboundAsync));
        Check(nameof(AppendOutboundAsync));
        return await inner.AppendOutboundAsync(message, arm, cancellationToken);
    }

    public async ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        await Before(nameof(UpdateAsync));
        Check(nameof(UpdateAsync));
        return await inner.UpdateAsync(conversation, cancellationToken);
    }

    public async ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        await Before(nameof(FindAsync));
        return await inner.FindAsync(workspace, conversationId, cancellationToken);
    }

    public async ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        await Before(nameof(FindOpenAsync));
        return await inner.FindOpenAsync(workspace, contact, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        await Before(nameof(ListByContactAsync));
        return await inner.ListByContactAsync(workspace, contact, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        await Before(nameof(ListMessagesAsync));
        return await inner.ListMessagesAsync(workspace, conversationId, cancellationToken);
    }

    public async ValueTask<WorkflowRun?> FindWorkflowRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        await Before(nameof(FindWorkflowRunAsync));
        return await inner.FindWorkflowRunAsync(workspace, conversationId, cancellationToken);
    }

    public async ValueTask<WorkflowRun> UpdateWorkflowRunAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        await Before(nameof(UpdateWorkflowRunAsync));
        Check(nameof(UpdateWorkflowRunAsync));
        return await inner.UpdateWorkflowRunAsync(run, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<WorkflowRun>> ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken)
    {
        await Before(nameof(ListUnfinishedWorkflowRunsAsync));
        return await inner.ListUnfinishedWorkflowRunsAsync(maxCount, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<Conversation>> ListQueuedAsync(WorkspaceId workspace, TeamId team, int maxCount, CancellationToken cancellationToken)
    {
        await Before(nameof(ListQueuedAsync));
        return await inner.ListQueuedAsync(workspace, team, maxCount, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<QueuedTeam>> ListQueuedTeamsAsync(QueuedTeam? after, int maxCount, CancellationToken cancellationToken)
    {
        await Before(nameof(ListQueuedTeamsAsync));
        return await inner.ListQueuedTeamsAsync(after, maxCount, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<Conversation>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken)
    {
        await Before(nameof(ClaimDueAsync));
        Check(nameof(ClaimDueAsync));
        return await inner.ClaimDueAsync(now, lease, maxCount, cancellationToken);
    }
}
