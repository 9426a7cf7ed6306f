namespace InboundConversations.Internal.Domain;

/// <summary>
/// The one rule every free text the library stores must meet, whatever the store: no NUL character (U+0000, which
/// PostgreSQL's text and many other stores refuse) and no unpaired UTF-16 surrogate (which no UTF-8 store can encode).
/// Checked before anything is stored, so every adapter sees the same text and a bad message fails the same way everywhere.
/// </summary>
internal static class StorableText
{
    /// <summary>Why <paramref name="text"/> cannot be stored, or <see langword="null"/> if it can.</summary>
    public static string? Problem(string text)
    {
        // Every message's content passes here: a vectorized search clears ordinary text without a loop over its characters.
        var span = text.AsSpan();
        if (!span.Contains('\0') && !span.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return $"it contains a NUL character (U+0000) at position {i}";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"it contains an unpaired UTF-16 surrogate at position {i}";
            }
        }

        return null;
    }
}
