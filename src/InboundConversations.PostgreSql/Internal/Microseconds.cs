namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// PostgreSQL keeps timestamps to the microsecond and .NET to 100 ns: every time the store writes is first truncated
/// to the microsecond, in UTC, so the snapshot a write returns equals what a later read gives back.
/// </summary>
internal static class Microseconds
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static DateTimeOffset? Truncate(DateTimeOffset? time) => time is { } value ? Truncate(value) : null;
}
