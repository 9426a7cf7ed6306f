using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Workflow.Enrichment;

/// <summary>What an enricher may write: text any store can keep, checked when the enricher writes it.</summary>
public sealed class EnrichmentContextTests
{
    // By index: xunit's serialization of theory data would turn a lone surrogate into U+FFFD.
    private static readonly string[] Unstorable = ["a\0b", "\uD800", "x\uDC00y", "\uD83D"];

    public static TheoryData<int> UnstorableText => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(UnstorableText))]
    public void AddFact_WithUnstorableText_ThrowsInvalidRequest_AndRecordsNothing(int sample)
    {
        var text = Unstorable[sample];
        var context = WorkflowContexts.Enrichment("hello");

        ((Action)(() => context.AddFact("purpose", text))).Should().Throw<InvalidRequestException>().WithMessage("*value*");
        ((Action)(() => context.AddFact(text, "billing"))).Should().Throw<InvalidRequestException>().WithMessage("*key*");

        context.WrittenFacts.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(UnstorableText))]
    public void ContactFieldsAndTags_WithUnstorableText_ThrowInvalidRequest(int sample)
    {
        var text = Unstorable[sample];
        var context = WorkflowContexts.Enrichment("hello");

        ((Action)(() => context.SetContactField("segment", text))).Should().Throw<InvalidRequestException>();
        ((Action)(() => context.AddContactTag(text))).Should().Throw<InvalidRequestException>();
    }

    [Fact]
    public void AddFact_WithAPairedSurrogate_IsKept()
    {
        var context = WorkflowContexts.Enrichment("hello");

        context.AddFact("mood", "\uD83D\uDE00");

        context.WrittenFacts.Should().Contain("mood", "\uD83D\uDE00");
    }
}
