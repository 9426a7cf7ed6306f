namespace InboundConversations.Tests.Domain;

/// <summary>The identifier rules, the same for every text id: 1 to 256 characters, not white space, no control characters.</summary>
public sealed class IdentifierTests
{
    private static readonly Dictionary<string, Func<string, object>> Constructors = new()
    {
        [nameof(ContactId)] = v => new ContactId(v),
        [nameof(ChannelId)] = v => new ChannelId(v),
        [nameof(AgentId)] = v => new AgentId(v),
        [nameof(WorkspaceId)] = v => new WorkspaceId(v),
        [nameof(TeamId)] = v => new TeamId(v),
    };

    public static TheoryData<string, string?> BadValues
    {
        get
        {
            var data = new TheoryData<string, string?>();
            foreach (var kind in Constructors.Keys)
            {
                foreach (var bad in new[] { null, string.Empty, " ", "\t \r\n", new string('x', 257), "ab\u0000c", "ab\u001Fc", "new\nline", "del\u007F" })
                {
                    data.Add(kind, bad);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> Kinds => new(Constructors.Keys);

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Constructor_WithNullEmptyWhiteSpaceTooLongOrControlCharacters_ThrowsInvalidIdentifierNamingTheKind(string kind, string? value)
    {
        var rejected = FluentActions.Invoking(() => Constructors[kind](value!))
            .Should().ThrowExactly<InvalidIdentifierException>().Which;

        rejected.Field.Should().Be(kind);
        rejected.Should().BeAssignableTo<InboundConversationsException>();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Constructor_WithExactly256Characters_IsAccepted(string kind)
    {
        var value = new string('x', 256);

        Constructors[kind](value).ToString().Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Constructor_WithPhoneNumberOrEmailOrUnicode_KeepsTheValueAsGiven(string kind)
    {
        foreach (var value in new[] { "+15551234567", "ana@example.com", "Zoë Ωmega 東京", " padded " })
        {
            Constructors[kind](value).ToString().Should().Be(value);
        }
    }

    [Fact]
    public void TextIds_CompareOrdinally()
    {
        new ContactId("Ana").Should().NotBe(new ContactId("ana"));
        new ContactId("ana").Should().Be(new ContactId("ana"));
    }

    [Fact]
    public void DefaultIds_AreEmpty()
    {
        default(ContactId).IsEmpty.Should().BeTrue();
        default(ChannelId).IsEmpty.Should().BeTrue();
        default(AgentId).IsEmpty.Should().BeTrue();
        default(ConversationId).IsEmpty.Should().BeTrue();
        new ContactId("c").IsEmpty.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Constructor_WithABadValue_SaysWhatIsWrongInTheMessage(string kind)
    {
        string MessageFor(string? value) => FluentActions.Invoking(() => Constructors[kind](value!))
            .Should().ThrowExactly<InvalidIdentifierException>().Which.Message;

        MessageFor(null).Should().Be($"The {kind} is not valid: it is null.");
        MessageFor(string.Empty).Should().Be($"The {kind} is not valid: it is empty or white space.");
        MessageFor(" \t").Should().Be($"The {kind} is not valid: it is empty or white space.");
        MessageFor(new string('x', 257)).Should().Be($"The {kind} is not valid: it is 257 characters long; the most is 256.");
        MessageFor("new\nline").Should().Be($"The {kind} is not valid: it contains a control character.");
    }

    [Fact]
    public void DefaultTextIds_PrintAsTheEmptyString()
    {
        default(ContactId).ToString().Should().BeEmpty();
        default(ChannelId).ToString().Should().BeEmpty();
        default(AgentId).ToString().Should().BeEmpty();
        default(TeamId).ToString().Should().BeEmpty();
    }
}
