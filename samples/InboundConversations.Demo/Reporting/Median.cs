namespace InboundConversations.Demo.Reporting;

/// <summary>The median of a set of durations: the middle one, or the mean of the two middle ones.</summary>
internal static class Median
{
    /// <returns>The median, or <see langword="null"/> for an empty set.</returns>
    public static TimeSpan? Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1
            ? sorted[middle]
            : TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }
}
