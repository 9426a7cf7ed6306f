using System.Buffers;
using System.Globalization;
using System.Text;

namespace InboundConversations.Workflow.Internal;

/// <summary>
/// The one place where keyword matching's text rules live: decompose (Unicode FormD), drop non-spacing marks, lower
/// invariantly, then split into words (runs of letters, digits and spacing or enclosing marks).
/// </summary>
internal static class KeywordText
{
    /// <summary>The words of a configured phrase, normalized (done once, when the enricher is built).</summary>
    public static string[] Words(string phrase)
    {
        var normalized = Fold(phrase, out var rented);
        try
        {
            var words = new List<string>();
            foreach (var (start, length) in Tokenize(normalized))
            {
                words.Add(new string(normalized.Slice(start, length)));
            }

            return [.. words];
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Folds <paramref name="text"/> into a pooled buffer (return <paramref name="rented"/> to
    /// <see cref="ArrayPool{T}.Shared"/>): accents and case removed. Text that is not valid Unicode (a lone
    /// surrogate) cannot be decomposed; it is only lowered.
    /// </summary>
    public static ReadOnlySpan<char> Fold(string text, out char[] rented)
    {
        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            decomposed = text;
        }

        rented = ArrayPool<char>.Shared.Rent(Math.Max(decomposed.Length, 1));
        var length = 0;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                rented[length++] = char.ToLowerInvariant(c);
            }
        }

        return rented.AsSpan(0, length);
    }

    /// <summary>The (start, length) of every word of folded text, in order.</summary>
    public static List<(int Start, int Length)> Tokenize(ReadOnlySpan<char> folded)
    {
        var words = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i < folded.Length; i++)
        {
            if (IsWordChar(folded[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                words.Add((start, i - start));
                start = -1;
            }
        }

        if (start >= 0)
        {
            words.Add((start, folded.Length - start));
        }

        return words;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
