namespace InboundConversations.Internal.Changes;

/// <summary>
/// What must still hold of the stored conversation for a change to apply: a decision taken for a triaging or queued
/// conversation must not overwrite what someone else stored meanwhile, and a timer's action must not outlive its arming.
/// </summary>
/// <param name="From">If given, the state the conversation must still be in.</param>
/// <param name="Armed">If given, the timer the conversation must still hold, exactly as armed (not re-armed, not cancelled).</param>
internal readonly record struct ChangeGuard(ConversationState? From, ConversationTimer? Armed)
{
    /// <summary>A guard on the state only (or none, for <see langword="null"/>).</summary>
    public static implicit operator ChangeGuard(ConversationState? from) => new(from, null);

    /// <summary>A guard on the state and on a timer: the change a timer fires.</summary>
    public static ChangeGuard Timer(ConversationState? from, ConversationTimer armed) => new(from, armed);

    /// <summary>Whether <paramref name="current"/> still satisfies the guard.</summary>
    public bool Holds(Conversation current) =>
        (From is not { } from || current.State == from)
        && (Armed is not { } armed || Equals(current.Timers.Find(armed.Kind), armed));
}
