namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// A 64-bit FNV-1a hash of text: the same in every process and on every run (unlike <see cref="string.GetHashCode()"/>),
/// for the keys of PostgreSQL advisory locks that several processes must agree on.
/// </summary>
internal static class StableHash
{
    /// <summary>The hash of no text, to start from.</summary>
    public const ulong Empty = 14695981039346656037;

    private const ulong Prime = 1099511628211;

    /// <summary>Continues <paramref name="hash"/> with <paramref name="text"/>'s UTF-16 code units.</summary>
    public static ulong Append(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }
}
