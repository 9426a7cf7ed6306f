namespace InboundConversations.Demo.Simulation;

/// <summary>
/// What an agent's screen would show: "a conversation was assigned to you". Fed by an <c>OnEvent</c> handler for
/// <see cref="ConversationAssigned"/> (whether the workflow assigned at once or a queue drained later); the
/// simulation picks the notifications up after each step and schedules the agent's reply.
/// </summary>
internal sealed class AssignmentNotifications
{
    private readonly Queue<ConversationAssigned> _pending = new();

    public ValueTask OnAssignedAsync(ConversationAssigned assigned, CancellationToken cancellationToken)
    {
        _pending.Enqueue(assigned);
        return ValueTask.CompletedTask;
    }

    public bool TryTake(out ConversationAssigned assigned) => _pending.TryDequeue(out assigned!);
}
