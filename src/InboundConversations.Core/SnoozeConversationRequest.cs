namespace InboundConversations;

/// <summary>
/// Parks an Assigned or Unassigned conversation until <see cref="Until"/> or the contact's next message, whichever comes
/// first (<see cref="IConversationEngine.SnoozeAsync"/>).
/// </summary>
public sealed record SnoozeConversationRequest
{
    /// <summary>The workspace; leave unset for the <see cref="WorkspaceId.Default"/> workspace.</summary>
    public WorkspaceId Workspace { get; init; }

    /// <summary>The open conversation.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>
    /// When the snooze ends: later than now, at most <see cref="InboundConversationsOptions.MaxSnooze"/> ahead (by the
    /// library's <see cref="TimeProvider"/>).
    /// </summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Who snoozes it: an agent, the API, a workflow or the system; never the contact.</summary>
    public required Actor SnoozedBy { get; init; }
}
