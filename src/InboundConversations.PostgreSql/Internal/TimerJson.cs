using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The jsonb of a conversation's timers: an object keyed by the timer kind's number, one entry per kind, each
/// <c>{"dueAt": …, "armedAt": …}</c> (times in UTC, truncated to the microsecond like every time the store writes). Keyed
/// by kind so that a statement arms one with <c>timers || entry</c> and cancels some with <c>timers - kinds</c>.
/// </summary>
internal static class TimerJson
{
    private const string Empty = "{}";

    /// <summary>The jsonb of <paramref name="timers"/>.</summary>
    public static string Write(ConversationTimers timers) =>
        timers.Count == 0 ? Empty : Write(timers, static (writer, all) =>
        {
            foreach (var timer in all)
            {
                WriteEntry(writer, timer);
            }
        });

    /// <summary>The jsonb of the one entry that arms <paramref name="timer"/> (replacing its kind's) when concatenated to the timers.</summary>
    public static string WriteEntry(ConversationTimer timer) => Write(timer, WriteEntry);

    /// <summary>The keys of <paramref name="kinds"/> in the jsonb: what <c>timers - keys</c> removes.</summary>
    public static string[] Keys(IReadOnlyList<ConversationTimerKind> kinds) => [.. kinds.Select(Key).Distinct(StringComparer.Ordinal)];

    /// <summary>The timers of <paramref name="json"/>.</summary>
    public static ConversationTimers Read(string json)
    {
        if (json == Empty)
        {
            return ConversationTimers.Empty;
        }

        using var document = JsonDocument.Parse(json);
        var timers = new List<ConversationTimer>(3);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            timers.Add(new ConversationTimer(
                (ConversationTimerKind)int.Parse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture),
                entry.Value.GetProperty("dueAt").GetDateTimeOffset(),
                entry.Value.GetProperty("armedAt").GetDateTimeOffset()));
        }

        return ConversationTimers.Of(timers);
    }

    private static string Key(ConversationTimerKind kind) => ((int)kind).ToString(CultureInfo.InvariantCulture);

    private static void WriteEntry(Utf8JsonWriter writer, ConversationTimer timer)
    {
        writer.WriteStartObject(Key(timer.Kind));
        writer.WriteString("dueAt", Microseconds.Truncate(timer.DueAt));
        writer.WriteString("armedAt", Microseconds.Truncate(timer.ArmedAt));
        writer.WriteEndObject();
    }

    private static string Write<T>(T value, Action<Utf8JsonWriter, T> writeEntries)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeEntries(writer, value);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
