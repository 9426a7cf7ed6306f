using InboundConversations.Workflow.Internal;

namespace InboundConversations.Workflow;

/// <summary>
/// What happens to a conversation that waited in a team's queue for the team's queue timeout (respond.io's timeout
/// branch): the <c>then</c> of <see cref="InboundWorkflowBuilder.QueueTimeout(TimeSpan, QueueTimeoutFallback)"/>.
/// </summary>
public sealed record QueueTimeoutFallback
{
    /// <summary>The category <see cref="Close"/> uses when none is given.</summary>
    public const string DefaultCloseCategory = "queue-timeout";

    private QueueTimeoutFallback(QueueTimeoutAction action, TeamId? team, string? category)
    {
        Action = action;
        Team = team;
        Category = category;
    }

    /// <summary>What the fallback does.</summary>
    public QueueTimeoutAction Action { get; }

    /// <summary>The team a <see cref="QueueTimeoutAction.Transfer"/> moves the conversation to; otherwise <see langword="null"/>.</summary>
    public TeamId? Team { get; }

    /// <summary>The closure category of a <see cref="QueueTimeoutAction.Close"/>; otherwise <see langword="null"/>.</summary>
    public string? Category { get; }

    /// <summary>
    /// Transfers the conversation to <paramref name="team"/> (overflow): assigned there by the workflow's assigner if a
    /// member has room, otherwise queued there, where that team's own queue timeout applies.
    /// </summary>
    /// <param name="team">The overflow team's id.</param>
    /// <returns>The fallback.</returns>
    /// <exception cref="ArgumentException"><paramref name="team"/> is not a valid team id.</exception>
    public static QueueTimeoutFallback TransferTo(string team) =>
        new(QueueTimeoutAction.Transfer, SetupError.Team(team, $"{nameof(QueueTimeoutFallback)}.{nameof(TransferTo)}(team)", nameof(team)), null);

    /// <summary>Takes the conversation out of the queue to the Unassigned inbox, for manual pick-up; it keeps its team.</summary>
    /// <returns>The fallback.</returns>
    public static QueueTimeoutFallback Unassign() => new(QueueTimeoutAction.Unassign, null, null);

    /// <summary>Closes the conversation (closed by <see cref="Actor.System"/> <c>queue-timeout</c>) with <paramref name="category"/>.</summary>
    /// <param name="category">The closure category; default <see cref="DefaultCloseCategory"/>; 1 to 128 characters.</param>
    /// <returns>The fallback.</returns>
    /// <exception cref="ArgumentException"><paramref name="category"/> is empty or longer than 128 characters.</exception>
    public static QueueTimeoutFallback Close(string category = DefaultCloseCategory)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (category.Length is 0 or > 128)
        {
            throw SetupError.Invalid($"{nameof(QueueTimeoutFallback)}.{nameof(Close)}(category)", "the category must be 1 to 128 characters", nameof(category));
        }

        return new(QueueTimeoutAction.Close, null, category);
    }

    /// <summary>Only raises <see cref="ConversationQueueTimedOut"/>: the conversation stays queued, and no other timeout follows.</summary>
    /// <returns>The fallback.</returns>
    public static QueueTimeoutFallback NotifyOnly() => new(QueueTimeoutAction.Notify, null, null);

    /// <inheritdoc />
    public override string ToString() => Action switch
    {
        QueueTimeoutAction.Transfer => $"transfer to {Team}",
        QueueTimeoutAction.Close => $"close as {Category}",
        _ => Action.ToString().ToLowerInvariant(),
    };
}
