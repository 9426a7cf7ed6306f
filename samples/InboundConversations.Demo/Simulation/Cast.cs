using InboundConversations.Demo.Inbox;

namespace InboundConversations.Demo.Simulation;

/// <summary>
/// One agent of the demo inbox, the teams they serve, and their rhythm: when their first shift starts, how long a
/// shift lasts, how long a break lasts (each drawn anew, in whole minutes).
/// </summary>
internal sealed record AgentProfile(
    string Id, IReadOnlyList<string> Teams, int Capacity, (int Min, int Max) FirstShiftAt, (int Min, int Max) ShiftMinutes, (int Min, int Max) BreakMinutes)
{
    public TimeSpan DrawFirstShift(Random random) => Minutes(random, FirstShiftAt);

    public TimeSpan DrawShift(Random random) => Minutes(random, ShiftMinutes);

    public TimeSpan DrawBreak(Random random) => Minutes(random, BreakMinutes);

    private static TimeSpan Minutes(Random random, (int Min, int Max) range) => TimeSpan.FromMinutes(random.Next(range.Min, range.Max + 1));
}

/// <summary>
/// The demo's three teams. Billing has a single agent whose first shift starts 20 to 30 minutes in, so the stretch
/// always opens with billing unstaffed: its first conversations queue, and each either drains when she comes online
/// or, after billing's queue timeout, overflows to support. She serves support too: a seat she frees goes to
/// whichever of her two teams' queues has waited longest.
/// </summary>
internal static class Cast
{
    public static IReadOnlyList<AgentProfile> Agents { get; } =
    [
        new("ana", [Teams.Sales], 3, (0, 0), (70, 120), (15, 30)),
        new("diego", [Teams.Sales], 2, (0, 10), (60, 100), (20, 40)),
        new("bruno", [Teams.Support], 3, (0, 0), (60, 110), (15, 35)),
        new("mei", [Teams.Support], 2, (5, 15), (60, 110), (15, 35)),
        new("carla", [Teams.Billing, Teams.Support], 2, (20, 30), (50, 90), (20, 40)),
    ];

    public static IReadOnlyList<string> TeamNames { get; } = [Teams.Sales, Teams.Support, Teams.Billing];
}
