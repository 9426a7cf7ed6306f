using InboundConversations.Workflow;

namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>One team's queue timeout as the model reads it: after how long, what it does, to which team or with which category.</summary>
public sealed record ModelQueueTimeout(TimeSpan After, QueueTimeoutAction Action, string? Team = null, string? Category = null)
{
    /// <summary>The same rule as the engine is configured with.</summary>
    public QueueTimeoutFallback Fallback => Action switch
    {
        QueueTimeoutAction.Transfer => QueueTimeoutFallback.TransferTo(Team!),
        QueueTimeoutAction.Unassign => QueueTimeoutFallback.Unassign(),
        QueueTimeoutAction.Close => Category is null ? QueueTimeoutFallback.Close() : QueueTimeoutFallback.Close(Category),
        _ => QueueTimeoutFallback.NotifyOnly(),
    };
}

/// <summary>The fixed shape of the inbox the sequences run in: teams, agents, routing, queue timeouts and auto-close.</summary>
public static class ModelInbox
{
    public const string Alpha = "alpha";
    public const string Beta = "beta";
    public const string Gamma = "gamma";

    /// <summary>No channel routes here: gamma's queue timeout overflows to it (and a manual transfer may).</summary>
    public const string Overflow = "overflow";

    /// <summary>The category <see cref="QueueTimeoutFallback.Close"/> closes with by default.</summary>
    public const string DefaultQueueTimeoutCategory = "queue-timeout";

    /// <summary>The category an auto-close closes with by default (<see cref="InboundConversationsOptions.AutoCloseCategory"/>).</summary>
    public const string AutoCloseCategory = "auto-closed";

    public static readonly string[] Channels = ["whatsapp", "email", "webchat"];

    public static readonly string[] Teams = [Alpha, Beta, Gamma, Overflow];

    /// <summary>Agents with their teams and starting capacity; "dana" is in alpha and beta, "gus" in gamma and overflow.</summary>
    public static readonly (string Agent, string[] Teams, int Capacity)[] Agents =
    [
        ("ana", [Alpha], 3),
        ("bo", [Alpha], 2),
        ("cy", [Alpha], 3),
        ("dana", [Alpha, Beta], 3),
        ("eve", [Beta], 3),
        ("finn", [Beta], 6),
        ("gus", [Gamma, Overflow], 3),
        ("hal", [Gamma], 3),
        ("ivy", [Overflow], 1),
    ];

    /// <summary>How long after an agent's last message a conversation with no contact reply is closed.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromMinutes(45);

    /// <summary>The furthest ahead a snooze may end (<see cref="InboundConversationsOptions.MaxSnooze"/>, its default).</summary>
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(30);

    /// <summary>
    /// The teams' own queue timeouts: alpha's notifies only, beta's unassigns, overflow's closes (with the default
    /// category); <see cref="EveryOtherTeam"/> transfers gamma's to overflow.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ModelQueueTimeout> QueueTimeouts = new Dictionary<string, ModelQueueTimeout>(StringComparer.Ordinal)
    {
        [Alpha] = new(TimeSpan.FromMinutes(2), QueueTimeoutAction.Notify),
        [Beta] = new(TimeSpan.FromMinutes(5), QueueTimeoutAction.Unassign),
        [Overflow] = new(TimeSpan.FromMinutes(4), QueueTimeoutAction.Close),
    };

    /// <summary>The workflow-wide queue timeout, for every team without its own (gamma): an overflow to <see cref="Overflow"/>.</summary>
    public static readonly ModelQueueTimeout EveryOtherTeam = new(TimeSpan.FromMinutes(3), QueueTimeoutAction.Transfer, Team: Overflow);

    /// <summary>The routing both the engine and the model use: e-mail to beta, web chat to gamma, everything else to alpha.</summary>
    public static string TeamFor(string channel) => channel switch
    {
        "email" => Beta,
        "webchat" => Gamma,
        _ => Alpha,
    };

    /// <summary>The queue timeout of a conversation queued in <paramref name="team"/>: its own, else the workflow-wide one.</summary>
    public static ModelQueueTimeout? QueueTimeoutFor(string team) =>
        QueueTimeouts.TryGetValue(team, out var own) ? own
        : EveryOtherTeam.Team != team ? EveryOtherTeam
        : null;
}
