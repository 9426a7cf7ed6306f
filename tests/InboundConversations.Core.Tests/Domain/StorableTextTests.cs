using InboundConversations.Internal.Domain;

namespace InboundConversations.Tests.Domain;

/// <summary>The one rule for stored free text: no NUL, no unpaired surrogate; everything else passes.</summary>
public sealed class StorableTextTests
{
    // By index: xunit's serialization of theory data would turn a lone surrogate into U+FFFD.
    private static readonly (string Text, string? Problem)[] Samples =
    [
        ("plain text, accents é, CJK 你好, emoji \uD83D\uDE00", null),
        ("", null),
        ("\uD83D\uDE00", null),
        ("end\0", "NUL character (U+0000) at position 3"),
        ("\uDE00start", "unpaired UTF-16 surrogate at position 0"),
        ("ends high \uD83D", "unpaired UTF-16 surrogate at position 10"),
        ("\uD83D\uD83D\uDE00", "unpaired UTF-16 surrogate at position 0"),
    ];

    public static TheoryData<int> SampleIndexes => [.. Enumerable.Range(0, Samples.Length)];

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Problem_NamesTheFirstUnstorableCharacterAndItsPosition_OrNullForStorableText(int sample)
    {
        var (text, problem) = Samples[sample];

        var found = StorableText.Problem(text);

        if (problem is null)
        {
            found.Should().BeNull();
        }
        else
        {
            found.Should().Contain(problem);
        }
    }
}
