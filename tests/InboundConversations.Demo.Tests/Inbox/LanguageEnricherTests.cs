using InboundConversations.Demo.Inbox;

namespace InboundConversations.Demo.Tests.Inbox;

public sealed class LanguageEnricherTests
{
    [Theory]
    [InlineData("Can you resend my invoice for October?", "en")]
    [InlineData("NO PUEDO INICIAR SESION desde ayer.", "es")]
    [InlineData("¿Cuál es el precio?", "es")]
    [InlineData("Pro plan?", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_language_is_guessed_from_common_words_ignoring_case_and_accents(string? text, string? expected) =>
        LanguageEnricher.Guess(text).Should().Be(expected);
}
