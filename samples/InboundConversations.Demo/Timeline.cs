namespace InboundConversations.Demo;

/// <summary>
/// Prints what happened, as the library reports it: every line after the first of a step comes from an event the
/// engine raised once the change was stored. Conversations get short numbers (#1, #2…) in the order they opened.
/// </summary>
internal sealed class Timeline(TimeProvider clock) : IConversationEventHandler
{
    private readonly Dictionary<ConversationId, int> _numbers = [];

    public string Number(ConversationId id)
    {
        lock (_numbers)
        {
            if (!_numbers.TryGetValue(id, out var number))
            {
                _numbers[id] = number = _numbers.Count + 1;
            }

            return $"#{number}";
        }
    }

    public void Step(string text) => Console.WriteLine($"{clock.GetUtcNow():HH:mm:ss}  {text}");

    public static void Note(string text) => Console.WriteLine($"          {text}");

    public ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        var id = Number(conversationEvent.ConversationId);
        var line = conversationEvent switch
        {
            ConversationOpened opened => $"→ conversation {id} opened (source {opened.Source}, on {opened.Conversation.Channel})",
            MessageReceived received => $"→ message {received.Message.Sequence} of {id} recorded",
            MessageSent sent => $"→ reply recorded in {id} (message {sent.Message.Sequence}, by {sent.Message.Author})",
            ConversationRouted routed => $"→ {id} routed to team {routed.Team}",
            ConversationQueued queued => $"→ {id} queued: no agent of {queued.Team} available",
            ConversationAssigned assigned => $"→ {id} assigned to {assigned.Agent} (by {assigned.AssignedBy.Kind})",
            ConversationUnassigned => $"→ {id} left unassigned",
            ConversationClosed closed => $"→ {id} closed by {closed.Closure.ClosedBy} ({closed.Closure.Category ?? "no category"})",
            _ => $"→ {conversationEvent.GetType().Name} on {id}",
        };
        Note(line);
        return ValueTask.CompletedTask;
    }
}
