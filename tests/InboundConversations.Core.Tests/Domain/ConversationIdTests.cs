namespace InboundConversations.Tests.Domain;

/// <summary>Conversation and message ids: GUIDs, never empty, round-tripping through text.</summary>
public sealed class ConversationIdTests
{
    [Fact]
    public void Parse_OfToString_RoundTrips()
    {
        var id = ConversationId.New(DateTimeOffset.UtcNow);

        ConversationId.Parse(id.ToString()).Should().Be(id);
        ConversationId.Parse(id.Value.ToString("B")).Should().Be(id, "any format Guid.Parse accepts");
    }

    [Fact]
    public void Constructor_WithEmptyGuid_ThrowsInvalidIdentifier() =>
        FluentActions.Invoking(() => new ConversationId(Guid.Empty))
            .Should().ThrowExactly<InvalidIdentifierException>().Which.Field.Should().Be(nameof(ConversationId));

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    [InlineData("")]
    public void Parse_OfEmptyGuidOrNonGuid_ThrowsInvalidIdentifier(string text) =>
        FluentActions.Invoking(() => ConversationId.Parse(text)).Should().ThrowExactly<InvalidIdentifierException>();

    [Fact]
    public void New_GivesDistinctTimeOrderedIds()
    {
        var earlier = ConversationId.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var later = ConversationId.New(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero));

        later.Should().NotBe(earlier);
        later.Value.Version.Should().Be(7);
        string.CompareOrdinal(earlier.ToString(), later.ToString()).Should().BeNegative();
    }

    [Fact]
    public void New_InOneMillisecond_GivesDistinctVersion7IdsWithTheLayoutOfGuidCreateVersion7()
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        var reference = Guid.CreateVersion7(now).ToString()[..13]; // the 48-bit timestamp and the version digit

        var ids = Enumerable.Range(0, 2_000).Select(_ => ConversationId.New(now).Value).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Version == 7 && id.Variant >= 8 && id.Variant <= 0xB && id.ToString().Substring(0, 13) == reference);
    }

    [Fact]
    public void New_BeforeTheUnixEpoch_ThrowsLikeGuidCreateVersion7() =>
        FluentActions.Invoking(() => MessageId.New(new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero)))
            .Should().ThrowExactly<ArgumentOutOfRangeException>();

    [Fact]
    public void MessageId_FollowsTheSameRules()
    {
        var id = MessageId.New(DateTimeOffset.UtcNow);

        MessageId.Parse(id.ToString()).Should().Be(id);
        FluentActions.Invoking(() => new MessageId(Guid.Empty)).Should().ThrowExactly<InvalidIdentifierException>();
    }

    [Fact]
    public void EmptyGuidOrNonGuid_IsRefusedWithAMessageSayingWhich()
    {
        FluentActions.Invoking(() => new ConversationId(Guid.Empty)).Should().ThrowExactly<InvalidIdentifierException>()
            .WithMessage("The ConversationId is not valid: it is the empty GUID.");
        FluentActions.Invoking(() => ConversationId.Parse("not-a-guid")).Should().ThrowExactly<InvalidIdentifierException>()
            .WithMessage("The ConversationId is not valid: it is not a GUID.");
        FluentActions.Invoking(() => new MessageId(Guid.Empty)).Should().ThrowExactly<InvalidIdentifierException>()
            .WithMessage("The MessageId is not valid: it is the empty GUID.")
            .Which.Field.Should().Be(nameof(MessageId));
        FluentActions.Invoking(() => MessageId.Parse("not-a-guid")).Should().ThrowExactly<InvalidIdentifierException>()
            .WithMessage("The MessageId is not valid: it is not a GUID.")
            .Which.Field.Should().Be(nameof(MessageId));
    }

    [Fact]
    public void MessageId_IsEmptyOnlyForTheDefault()
    {
        default(MessageId).IsEmpty.Should().BeTrue();
        MessageId.New(DateTimeOffset.UtcNow).IsEmpty.Should().BeFalse();
        new MessageId(Guid.NewGuid()).IsEmpty.Should().BeFalse();
    }
}
