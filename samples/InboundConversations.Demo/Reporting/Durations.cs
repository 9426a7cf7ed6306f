namespace InboundConversations.Demo.Reporting;

/// <summary>Short, fixed-format durations for the timeline and the summary: 0s, 45s, 4m 05s, 2h 05m, 1d 03h.</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A duration of the simulation is never negative.");
        }

        return duration switch
        {
            { TotalMinutes: < 1 } => $"{(int)duration.TotalSeconds}s",
            { TotalHours: < 1 } => $"{duration.Minutes}m {duration.Seconds:00}s",
            { TotalDays: < 1 } => $"{duration.Hours}h {duration.Minutes:00}m",
            _ => $"{(int)duration.TotalDays}d {duration.Hours:00}h",
        };
    }

    public static string Format(TimeSpan? duration) => duration is { } value ? Format(value) : "-";
}
