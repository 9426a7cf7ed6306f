namespace InboundConversations.Workflow.Internal;

/// <summary>One queue timeout: how long a conversation may wait in a team's queue, and what happens then.</summary>
internal sealed record QueueTimeoutRule(TimeSpan After, QueueTimeoutFallback Then);

/// <summary>
/// The workflow's queue timeouts: one per team, and one for every other team. The workflow-wide one does not apply to
/// the team it transfers to (that would send the overflow team's conversations to itself); give that team its own.
/// </summary>
internal sealed class QueueTimeouts
{
    /// <summary>The longest queue timeout, as respond.io's <i>Assign To</i> step allows.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    private readonly Dictionary<TeamId, QueueTimeoutRule> _byTeam = [];
    private QueueTimeoutRule? _everyTeam;

    public static QueueTimeouts None { get; } = new();

    /// <summary>Sets the timeout of <paramref name="team"/>, or of every team without its own when it is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The timeout is not above zero or longer than seven days, or the fallback transfers to the team itself.</exception>
    public void Set(TeamId? team, TimeSpan after, QueueTimeoutFallback then, string call)
    {
        ArgumentNullException.ThrowIfNull(then);
        if (after <= TimeSpan.Zero || after > Longest)
        {
            throw SetupError.Invalid(call, $"the queue timeout must be above zero and at most 7 days; it is {after}", nameof(after));
        }

        if (team is { } own && then.Team == own)
        {
            throw SetupError.Invalid(call, $"the fallback transfers team {own}'s conversations to {own} itself", nameof(then));
        }

        var rule = new QueueTimeoutRule(after, then);
        if (team is { } named)
        {
            _byTeam[named] = rule;
        }
        else
        {
            _everyTeam = rule;
        }
    }

    /// <summary>The timeout of a conversation queued in <paramref name="team"/>, if one applies.</summary>
    public QueueTimeoutRule? For(TeamId team)
    {
        if (_byTeam.TryGetValue(team, out var own))
        {
            return own;
        }

        return _everyTeam is { } every && every.Then.Team != team ? every : null;
    }
}
