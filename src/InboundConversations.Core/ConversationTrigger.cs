namespace InboundConversations;

/// <summary>
/// A change asked of a conversation, in the lifecycle's words. A refused one is named by
/// <see cref="InvalidConversationTransitionException.Trigger"/> or <see cref="ConversationClosedException.Trigger"/>.
/// </summary>
/// <remarks>
/// Which state allows which trigger is the README's lifecycle diagram, generated from the library's state machine.
/// A contact's message is not a trigger: it joins the open conversation or opens a new one.
/// </remarks>
public enum ConversationTrigger
{
    /// <summary>An agent, the API or a workflow writes in the conversation (<see cref="IConversationEngine.SendAsync"/>).</summary>
    AgentMessage = 1,

    /// <summary>The workflow names the responsible team.</summary>
    Route,

    /// <summary>The conversation waits in a team's queue (nobody is available, or a transfer to a team).</summary>
    Enqueue,

    /// <summary>An agent takes the conversation (an assigner, <see cref="IConversationEngine.AssignAsync"/>, a transfer to an agent).</summary>
    Assign,

    /// <summary>The conversation loses its agent or team (<see cref="IConversationEngine.UnassignAsync"/>, an assigner that assigns nobody).</summary>
    Unassign,

    /// <summary>The conversation is resolved (<see cref="IConversationEngine.CloseAsync"/>).</summary>
    Close,

    /// <summary>The conversation is parked until a time (<see cref="IConversationEngine.SnoozeAsync"/>).</summary>
    Snooze,

    /// <summary>
    /// A snoozed conversation wakes (its snooze ended, or the contact wrote): back to Assigned if it has an agent,
    /// otherwise Unassigned.
    /// </summary>
    Wake,
}
