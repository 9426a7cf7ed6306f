using System.Collections;

namespace InboundConversations;

/// <summary>
/// A conversation's armed timers, at most one per <see cref="ConversationTimerKind"/>, ordered by kind: an immutable
/// set with value equality (two snapshots with the same timers are equal).
/// </summary>
public sealed class ConversationTimers : IReadOnlyList<ConversationTimer>, IEquatable<ConversationTimers>
{
    private readonly ConversationTimer[] _timers;

    private ConversationTimers(ConversationTimer[] timers) => _timers = timers;

    /// <summary>No timer armed.</summary>
    public static ConversationTimers Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _timers.Length;

    /// <summary>The earliest due time among the timers, or <see langword="null"/> when none is armed.</summary>
    public DateTimeOffset? NextDueAt => _timers.Length == 0 ? null : _timers.Min(static t => t.DueAt);

    /// <inheritdoc />
    public ConversationTimer this[int index] => _timers[index];

    /// <summary>Makes a set of <paramref name="timers"/>.</summary>
    /// <param name="timers">The timers, at most one per kind.</param>
    /// <returns>The set, ordered by kind.</returns>
    /// <exception cref="ArgumentException">Two timers have the same kind, or a kind is not defined.</exception>
    public static ConversationTimers Of(IEnumerable<ConversationTimer> timers)
    {
        ArgumentNullException.ThrowIfNull(timers);
        var ordered = timers.OrderBy(static t => t.Kind).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(ordered[i], nameof(timers));
            if (!Enum.IsDefined(ordered[i].Kind))
            {
                throw new ArgumentException($"Timer kind {(int)ordered[i].Kind} is not defined.", nameof(timers));
            }

            if (i > 0 && ordered[i - 1].Kind == ordered[i].Kind)
            {
                throw new ArgumentException($"A conversation holds at most one {ordered[i].Kind} timer.", nameof(timers));
            }
        }

        return ordered.Length == 0 ? Empty : new ConversationTimers(ordered);
    }

    /// <summary>The timer of <paramref name="kind"/>, if one is armed.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The timer, or <see langword="null"/>.</returns>
    public ConversationTimer? Find(ConversationTimerKind kind) => Array.Find(_timers, t => t.Kind == kind);

    /// <summary>This set with <paramref name="timer"/> armed, replacing the timer of its kind if one was armed.</summary>
    /// <param name="timer">The timer to arm.</param>
    /// <returns>The new set.</returns>
    public ConversationTimers With(ConversationTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return Of(_timers.Where(t => t.Kind != timer.Kind).Append(timer));
    }

    /// <summary>This set without the timer of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind to cancel.</param>
    /// <returns>The new set; this set if none of that kind was armed.</returns>
    public ConversationTimers Without(ConversationTimerKind kind) =>
        Find(kind) is null ? this : Of(_timers.Where(t => t.Kind != kind));

    /// <summary>The timers due at <paramref name="now"/>, earliest first.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The due timers.</returns>
    public IReadOnlyList<ConversationTimer> DueAt(DateTimeOffset now) =>
        _timers.Where(t => t.IsDueAt(now)).OrderBy(static t => t.DueAt).ThenBy(static t => t.Kind).ToArray();

    /// <inheritdoc />
    public IEnumerator<ConversationTimer> GetEnumerator() => ((IEnumerable<ConversationTimer>)_timers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ConversationTimers? other) =>
        other is not null && (ReferenceEquals(this, other) || _timers.AsSpan().SequenceEqual(other._timers));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConversationTimers);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var timer in _timers)
        {
            hash.Add(timer);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() =>
        _timers.Length == 0 ? "none" : string.Join(", ", _timers.Select(static t => $"{t.Kind} at {t.DueAt:O}"));
}
