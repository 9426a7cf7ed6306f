using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace InboundConversations.Internal.Domain;

/// <summary>
/// A run's facts as the engine stores them: an immutable array of pairs with ordinal keys, in the order a
/// <see cref="Dictionary{TKey,TValue}"/> would enumerate them. A run holds a handful of facts, so a scan is as quick as
/// a hash look-up, and a one-fact map takes 56 bytes where a dictionary takes over 200: every stored run keeps one.
/// </summary>
internal sealed class CompactFacts : IReadOnlyDictionary<string, string>
{
    private readonly KeyValuePair<string, string>[] _pairs;

    private CompactFacts(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    /// <summary>No facts; shared, since it cannot change.</summary>
    public static CompactFacts Empty { get; } = new([]);

    public int Count => _pairs.Length;

    public IEnumerable<string> Keys => _pairs.Select(static p => p.Key);

    public IEnumerable<string> Values => _pairs.Select(static p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The fact '{key}' is not present.");

    /// <summary>
    /// <paramref name="facts"/> with <paramref name="written"/> laid over them: a written key replaces the value in
    /// place, a new key goes last, as assigning each into a copy of a dictionary would.
    /// </summary>
    public static CompactFacts Merge(IReadOnlyDictionary<string, string> facts, IReadOnlyDictionary<string, string> written)
    {
        var pairs = new List<KeyValuePair<string, string>>(facts.Count + written.Count);
        pairs.AddRange(facts);
        foreach (var (key, value) in written)
        {
            var index = pairs.FindIndex(p => string.Equals(p.Key, key, StringComparison.Ordinal));
            if (index >= 0)
            {
                pairs[index] = new KeyValuePair<string, string>(key, value);
            }
            else
            {
                pairs.Add(new KeyValuePair<string, string>(key, value));
            }
        }

        return new CompactFacts([.. pairs]);
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
