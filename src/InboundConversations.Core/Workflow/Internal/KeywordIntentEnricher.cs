namespace InboundConversations.Workflow.Internal;

/// <summary>
/// Finds configured phrases in the first message and writes the intent with the most phrase hits (ties → the intent
/// configured first). Phrases are indexed by their first word, so a message of n words costs O(n) dictionary
/// lookups plus, per lookup hit, a comparison of the candidate phrases' words.
/// </summary>
internal sealed class KeywordIntentEnricher : IConversationEnricher
{
    private readonly string _factKey;
    private readonly string[] _intents;
    private readonly Dictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;

    /// <param name="factKey">The fact to write.</param>
    /// <param name="intents">The intents in configuration order, each with its phrases as normalized words.</param>
    public KeywordIntentEnricher(string factKey, IReadOnlyList<(string Intent, IReadOnlyList<string[]> Phrases)> intents)
    {
        _factKey = factKey;
        _intents = intents.Select(i => i.Intent).ToArray();
        var byFirstWord = intents
            .SelectMany((intent, index) => intent.Phrases.Select(words => new Phrase(words, index)))
            .GroupBy(phrase => phrase.Words[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
        _byFirstWord = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        Name = factKey == WorkflowFacts.Intent ? "keyword-intent" : $"keyword-intent:{factKey}";
    }

    public string Name { get; }

    public ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.FirstMessage is { Content: { Length: > 0 } content } && Classify(content) is { } intent)
        {
            context.AddFact(_factKey, intent);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The winning intent of <paramref name="content"/>, or <see langword="null"/> when no phrase occurs in it.</summary>
    public string? Classify(string content)
    {
        var text = KeywordText.Fold(content, out var rented);
        try
        {
            var words = KeywordText.Tokenize(text);
            var hits = new int[_intents.Length];
            var any = false;
            for (var i = 0; i < words.Count; i++)
            {
                var (start, length) = words[i];
                if (!_byFirstWord.TryGetValue(text.Slice(start, length), out var candidates))
                {
                    continue;
                }

                foreach (var phrase in candidates)
                {
                    if (Occurs(phrase.Words, text, words, i))
                    {
                        hits[phrase.Intent]++;
                        any = true;
                    }
                }
            }

            if (!any)
            {
                return null;
            }

            var best = 0;
            for (var intent = 1; intent < hits.Length; intent++)
            {
                if (hits[intent] > hits[best])
                {
                    best = intent; // Strictly more: a tie keeps the intent configured first.
                }
            }

            return _intents[best];
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool Occurs(string[] phrase, ReadOnlySpan<char> text, List<(int Start, int Length)> words, int at)
    {
        if (at + phrase.Length > words.Count)
        {
            return false;
        }

        // The first word matched through the index.
        for (var k = 1; k < phrase.Length; k++)
        {
            var (start, length) = words[at + k];
            if (!text.Slice(start, length).SequenceEqual(phrase[k]))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Phrase(string[] Words, int Intent);
}
