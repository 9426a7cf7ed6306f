using InboundConversations.Workflow.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Workflow;

/// <summary>
/// Configures the keyword-intent enricher: which phrases in a conversation's first message mean which intent.
/// Handed to <see cref="KeywordIntentWorkflowBuilderExtensions.EnrichWithKeywordIntents"/> and
/// <see cref="ConversationEnrichers.KeywordIntents"/>.
/// </summary>
/// <remarks>
/// Matching ignores case and accents (Unicode FormD, non-spacing marks dropped, lowered invariantly: "Facturación",
/// "FACTURA" and "factúra" all contain the phrase "factura") and works on whole words: "price" does not match
/// "priceless". A word is a run of letters and digits; anything else (spaces, punctuation) separates words, so a
/// multi-word phrase such as "cancel my order" matches across any run of spaces or punctuation. Scripts written
/// without spaces between words (Chinese, Japanese, Thai) are not segmented: a phrase matches there only as a
/// whole space-separated run. Every argument is checked when it is given, so a bad configuration fails when the
/// workflow is configured, not when a message arrives: an <see cref="ArgumentException"/> naming the call.
/// </remarks>
public sealed class KeywordIntentBuilder
{
    private readonly List<(string Intent, IReadOnlyList<string[]> Phrases)> _intents = [];
    private const string AddCall = $"{nameof(KeywordIntentBuilder)}.{nameof(Add)}(intent, phrases)";

    private string _factKey = WorkflowFacts.Intent;

    internal KeywordIntentBuilder()
    {
    }

    /// <summary>
    /// Adds an intent and the phrases that signal it. Intents are ranked by phrase hits (every occurrence of any of
    /// their phrases counts); on a tie the intent added first wins.
    /// </summary>
    /// <param name="intent">The intent, written as the fact's value (for example <c>billing</c>).</param>
    /// <param name="phrases">One or more words or phrases; case, accents, punctuation and repeated spaces do not matter.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// The intent is null, empty or white space, or was already added (ignoring case); no phrase is given; or a
    /// phrase is null or has no letter or digit.
    /// </exception>
    public KeywordIntentBuilder Add(string intent, params string[] phrases)
    {
        if (string.IsNullOrWhiteSpace(intent))
        {
            throw SetupError.Invalid(AddCall, "an intent's name is null, empty or white space", nameof(intent));
        }

        if (_intents.Any(i => string.Equals(i.Intent, intent, StringComparison.OrdinalIgnoreCase)))
        {
            throw SetupError.Invalid(AddCall, $"the intent \"{intent}\" is added twice; give all its phrases in one Add", nameof(intent));
        }

        if (phrases is null || phrases.Length == 0)
        {
            throw SetupError.Invalid(AddCall, $"the intent \"{intent}\" has no phrases", nameof(phrases));
        }

        var normalized = new List<string[]>(phrases.Length);
        foreach (var phrase in phrases)
        {
            var words = phrase is null ? [] : KeywordText.Words(phrase);
            if (words.Length == 0)
            {
                throw SetupError.Invalid(AddCall, $"a phrase of the intent \"{intent}\" is null, empty or has no letter or digit", nameof(phrases));
            }

            if (!normalized.Any(existing => existing.AsSpan().SequenceEqual(words)))
            {
                normalized.Add(words); // The same phrase twice (say "Factura" and "factura") would count each hit twice.
            }
        }

        _intents.Add((intent, normalized));
        return this;
    }

    /// <summary>The fact the intent is written to (default <see cref="WorkflowFacts.Intent"/>, <c>intent</c>).</summary>
    /// <param name="key">The fact's key.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The key is null, empty or white space.</exception>
    public KeywordIntentBuilder FactKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw SetupError.Invalid($"{nameof(KeywordIntentBuilder)}.{nameof(FactKey)}(key)", "a fact key is null, empty or white space", nameof(key));
        }

        _factKey = key;
        return this;
    }

    internal IConversationEnricher Build(string paramName)
    {
        if (_intents.Count == 0)
        {
            throw SetupError.Invalid("KeywordIntents(configure)", "no intent is configured; call Add(intent, phrases…)", paramName);
        }

        return new KeywordIntentEnricher(_factKey, _intents);
    }
}
