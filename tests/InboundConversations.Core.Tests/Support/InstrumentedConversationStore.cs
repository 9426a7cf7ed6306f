using InboundConversations.Storage;

namespace InboundConversations.Tests.Support;

/// <summary>
/// A store around another that counts the writes and fails the ones a test names, as a database outage would;
/// everything else goes through.
/// </summary>
public class InstrumentedConversationStore(IConversationStore inner) : IConversationStore
{
    private int _writes;

    /// <summary>Decides, per write (by method name), whether it fails before reaching the inner store.</summary>
    public Func<string, bool> Fails { get; set; } = _ => false;

    /// <summary>Decides, per write (by method name), an exception to throw instead of writing (a version conflict, say).</summary>
    public Func<string, Exception?> Throws { get; set; } = _ => null;

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

    public ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken)
    {
        Check(nameof(AppendInboundAsync));
        return inner.AppendInboundAsync(append, cancellationToken);
    }

    public ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, WorkflowRun? pendingRun, CancellationToken cancellationToken)
    {
        Check(nameof(OpenAsync));
        return inner.OpenAsync(conversation, pendingRun, cancellationToken);
    }

    public ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, CancellationToken cancellationToken)
    {
        Check(nameof(AppendOutboundAsync));
        return inner.AppendOutboundAsync(message, cancellationToken);
    }

    public ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        Check(nameof(UpdateAsync));
        return inner.UpdateAsync(conversation, cancellationToken);
    }

    public ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        inner.FindAsync(workspace, conversationId, cancellationToken);

    public ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        inner.FindOpenAsync(workspace, contact, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        inner.ListByContactAsync(workspace, contact, cancellationToken);

    public ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        inner.ListMessagesAsync(workspace, conversationId, cancellationToken);

    public ValueTask<WorkflowRun?> FindWorkflowRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken) =>
        inner.FindWorkflowRunAsync(workspace, conversationId, cancellationToken);

    public ValueTask<WorkflowRun> UpdateWorkflowRunAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        Check(nameof(UpdateWorkflowRunAsync));
        return inner.UpdateWorkflowRunAsync(run, cancellationToken);
    }

    public ValueTask<IReadOnlyList<WorkflowRun>> ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken) =>
        inner.ListUnfinishedWorkflowRunsAsync(maxCount, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> ListQueuedAsync(WorkspaceId workspace, TeamId team, int maxCount, CancellationToken cancellationToken) =>
        inner.ListQueuedAsync(workspace, team, maxCount, cancellationToken);

    public ValueTask<IReadOnlyList<QueuedTeam>> ListQueuedTeamsAsync(QueuedTeam? after, int maxCount, CancellationToken cancellationToken) =>
        inner.ListQueuedTeamsAsync(after, maxCount, cancellationToken);
}
