using Microsoft.Extensions.Logging;

namespace InboundConversations.Internal.Diagnostics;

/// <summary>
/// The engine's log messages (source-generated). They carry ids, sources, states and kinds of actor: never message
/// content, notes, contact ids or channel addresses, since hosts often use an address as the contact id.
/// A failure from code the library does not own (a step, a condition, a store, an event handler) is logged by its exception's type
/// name, never as the exception: its message may quote the content or the contact. Event ids are stable.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Conversation {ConversationId} opened in workspace {Workspace} (source {Source}, state {State})")]
    public static partial void ConversationOpened(ILogger logger, ConversationId conversationId, WorkspaceId workspace, ConversationSource source, ConversationState state);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Inbound message {MessageId} appended to conversation {ConversationId}")]
    public static partial void MessageAppended(ILogger logger, MessageId messageId, ConversationId conversationId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Redelivery of message {MessageId} in conversation {ConversationId} recognised; nothing applied")]
    public static partial void RedeliveryIgnored(ILogger logger, MessageId messageId, ConversationId conversationId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "Outbound message {MessageId} recorded in conversation {ConversationId} by {ActorKind}")]
    public static partial void MessageSent(ILogger logger, MessageId messageId, ConversationId conversationId, ActorKind actorKind);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Conversation {ConversationId} closed in workspace {Workspace} by {ActorKind}")]
    public static partial void ConversationClosed(ILogger logger, ConversationId conversationId, WorkspaceId workspace, ActorKind actorKind);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug,
        Message = "{Trigger} on conversation {ConversationId} met a concurrent change (attempt {Attempt}); re-reading")]
    public static partial void TransitionConflictRetried(ILogger logger, ConversationId conversationId, ConversationTrigger trigger, int attempt);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error,
        Message = "Event handler {Handler} failed on {EventType} of conversation {ConversationId} ({ExceptionType}); the change stays stored")]
    public static partial void EventHandlerFailed(ILogger logger, string handler, string eventType, ConversationId conversationId, string exceptionType);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning,
        Message = "Workflow step {Kind} '{Step}' of conversation {ConversationId} ended {Status} ({ExceptionType}); the run goes on")]
    public static partial void StepFailed(ILogger logger, WorkflowStepKind kind, string step, ConversationId conversationId, WorkflowStepStatus status, string exceptionType);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "Workflow run of conversation {ConversationId} ended {Status} (team {Team}, agent {Agent})")]
    public static partial void RunEnded(ILogger logger, ConversationId conversationId, WorkflowRunStatus status, TeamId? team, AgentId? agent);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error,
        Message = "Workflow run of conversation {ConversationId} was interrupted ({ExceptionType}); it stays {Status} and resumes on ProcessDueAsync")]
    public static partial void RunInterrupted(ILogger logger, ConversationId conversationId, string exceptionType, WorkflowRunStatus status);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information,
        Message = "Conversation {ConversationId} assigned to agent {Agent} of team {Team} by {ActorKind}")]
    public static partial void ConversationAssigned(ILogger logger, ConversationId conversationId, AgentId agent, TeamId? team, ActorKind actorKind);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information,
        Message = "Conversation {ConversationId} queued on team {Team}")]
    public static partial void ConversationQueued(ILogger logger, ConversationId conversationId, TeamId? team);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning,
        Message = "The store failed on conversation {ConversationId} but holds the change ({State}): the write was kept and its reply lost")]
    public static partial void LostReplyRecovered(ILogger logger, ConversationId conversationId, ConversationState state);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning,
        Message = "Follow-up {Step} of the stored change to conversation {ConversationId} failed ({ExceptionType}); the call returns the stored change and the background pass catches up")]
    public static partial void FollowUpFailed(ILogger logger, string step, ConversationId conversationId, string exceptionType);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning,
        Message = "Follow-up {Step} of the stored change to agent {Agent} failed ({ExceptionType}); the call returns the stored agent and the background pass catches up")]
    public static partial void AgentFollowUpFailed(ILogger logger, string step, AgentId agent, string exceptionType);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning,
        Message = "Agent {Agent} held a reservation for conversation {ConversationId} ({State}, assigned to {Assignee}) in workspace {Workspace}; released")]
    public static partial void LeftoverReservationReleased(ILogger logger, AgentId agent, ConversationId conversationId, ConversationState? state, AgentId? assignee, WorkspaceId workspace);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information,
        Message = "Background pass: {TimersFired} timers fired, {TimersSkipped} skipped, {RunsResumed} runs resumed, {QueuedRunsEnded} queued runs ended, {LeftoversReleased} leftover reservations released, {QueuedAssigned} queued conversations assigned")]
    public static partial void BackgroundPassDone(ILogger logger, int timersFired, int timersSkipped, int runsResumed, int queuedRunsEnded, int leftoversReleased, int queuedAssigned);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning,
        Message = "Background pass step {Step} failed ({ExceptionType}); the next pass tries again")]
    public static partial void BackgroundStepFailed(ILogger logger, string step, string exceptionType);

    [LoggerMessage(EventId = 19, Level = LogLevel.Information,
        Message = "Conversation {ConversationId} snoozed until {Until} by {ActorKind}")]
    public static partial void ConversationSnoozed(ILogger logger, ConversationId conversationId, DateTimeOffset until, ActorKind actorKind);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Conversation {ConversationId} woke ({Reason}) to {State}")]
    public static partial void ConversationWoke(ILogger logger, ConversationId conversationId, WakeReason reason, ConversationState state);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information,
        Message = "Queue timeout of conversation {ConversationId} in team {Team} fired: {Fallback}; the conversation is {State}")]
    public static partial void QueueTimeoutFired(ILogger logger, ConversationId conversationId, TeamId team, QueueTimeoutAction fallback, ConversationState state);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug,
        Message = "Timer {Kind} of conversation {ConversationId} fired nothing: the conversation moved on since it was claimed")]
    public static partial void TimerSkipped(ILogger logger, ConversationTimerKind kind, ConversationId conversationId);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning,
        Message = "Timer {Kind} of conversation {ConversationId} failed ({ExceptionType}); it stays armed and fires once its claim lapses")]
    public static partial void TimerFailed(ILogger logger, ConversationTimerKind kind, ConversationId conversationId, string exceptionType);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information,
        Message = "Auto-close of conversation {ConversationId} fired: the contact had not answered since {ArmedAt}")]
    public static partial void AutoCloseFired(ILogger logger, ConversationId conversationId, DateTimeOffset armedAt);
}
