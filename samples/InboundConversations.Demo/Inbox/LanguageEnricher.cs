using System.Globalization;
using System.Text;
using InboundConversations.Workflow;

namespace InboundConversations.Demo.Inbox;

/// <summary>
/// A custom enrichment step: guesses whether the first message is English or Spanish from common short words,
/// and stores the guess as the fact <c>language</c> and on the contact. Writes nothing when it cannot tell.
/// </summary>
internal sealed class LanguageEnricher : IConversationEnricher
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "my", "i", "is", "a", "an", "to", "for", "of", "can", "you", "what", "hi", "hello", "it", "on", "when",
        "since", "could", "do", "does", "need", "anyone", "there", "and", "thanks", "with", "get", "your",
    };

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "de", "del", "que", "por", "para", "mi", "una", "un", "es", "hola", "gracias", "cual",
        "puedo", "desde", "quisiera", "tienen", "si", "hay", "alguien", "necesito", "al", "dos", "veces", "mes", "con",
    };

    public string Name => "language";

    public ValueTask EnrichAsync(EnrichmentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Guess(context.FirstMessage?.Content) is { } language)
        {
            context.AddFact(WorkflowFacts.Language, language);
            context.SetContactField(WorkflowFacts.Language, language);
        }

        return ValueTask.CompletedTask;
    }

    /// <returns><c>en</c>, <c>es</c>, or <see langword="null"/> when the words do not lean either way.</returns>
    internal static string? Guess(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        int english = 0, spanish = 0;
        foreach (var word in Words(text))
        {
            english += English.Contains(word) ? 1 : 0;
            spanish += Spanish.Contains(word) ? 1 : 0;
        }

        return english == spanish ? null : english > spanish ? "en" : "es";
    }

    private static string[] Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetter(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
