using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Every rule on an inbound message: the specific exception, and nothing stored or raised.</summary>
public sealed class ReceiveValidationTests : IDisposable
{
    private const int MaxContent = 10;
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(2);

    private readonly TestInbox _inbox = new(options =>
    {
        options.MaxContentLength = MaxContent;
        options.MaxClockSkew = Skew;
    });

    public static TheoryData<string?> BadExternalIds => new()
    {
        null,
        string.Empty,
        "   ",
        new string('x', 257),
        "ab\u0000c",
        "line\nbreak",
    };

    [Fact]
    public async Task Receive_WithDefaultContactId_ThrowsInvalidIdentifierAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidIdentifierException>(_inbox.Message() with { Contact = default });
        rejected.Field.Should().Be(nameof(ContactId));
    }

    [Fact]
    public async Task Receive_WithDefaultChannelId_ThrowsInvalidIdentifierAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidIdentifierException>(_inbox.Message() with { Channel = default });
        rejected.Field.Should().Be(nameof(ChannelId));
    }

    [Theory]
    [MemberData(nameof(BadExternalIds))]
    public async Task Receive_WithMissingOrMalformedExternalId_ThrowsInvalidIdentifierAndStoresNothing(string? externalId)
    {
        var rejected = await RejectAsync<InvalidIdentifierException>(_inbox.Message() with { ExternalId = externalId! });
        rejected.Field.Should().Be(nameof(InboundMessage.ExternalId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Receive_WithNullOrEmptyContent_ThrowsInvalidMessageContentAndStoresNothing(string? content) =>
        await RejectAsync<InvalidMessageContentException>(_inbox.Message() with { Content = content! });

    [Fact]
    public async Task Receive_WithContentOverMaxContentLength_ThrowsMessageTooLargeAndStoresNothing()
    {
        var rejected = await RejectAsync<MessageTooLargeException>(_inbox.Message(content: new string('x', MaxContent + 1)));
        rejected.Length.Should().Be(MaxContent + 1);
        rejected.MaxLength.Should().Be(MaxContent);
    }

    [Fact]
    public async Task Receive_WithContentExactlyAtMaxContentLength_IsRecorded()
    {
        var result = await _inbox.Engine.ReceiveAsync(_inbox.Message(content: new string('x', MaxContent)));

        result.OpenedConversation.Should().BeTrue();
        (await _inbox.Engine.GetMessagesAsync(result.ConversationId)).Should().ContainSingle();
    }

    [Fact]
    public async Task Receive_WithSentAtBeyondMaxClockSkew_ThrowsMessageSentInFutureAndStoresNothing()
    {
        var sentAt = _inbox.Clock.GetUtcNow() + Skew + TimeSpan.FromTicks(1);

        var rejected = await RejectAsync<MessageSentInFutureException>(_inbox.Message() with { SentAt = sentAt });

        rejected.SentAt.Should().Be(sentAt);
    }

    [Fact]
    public async Task Receive_WithSentAtExactlyAtMaxClockSkew_IsRecorded()
    {
        var sentAt = _inbox.Clock.GetUtcNow() + Skew;

        var result = await _inbox.Engine.ReceiveAsync(_inbox.Message() with { SentAt = sentAt });

        var messages = await _inbox.Engine.GetMessagesAsync(result.ConversationId);
        messages.Should().ContainSingle().Which.SentAt.Should().Be(sentAt);
    }

    [Fact]
    public async Task Receive_WithDefaultSentAt_ThrowsInvalidRequestAndStoresNothing()
    {
        var rejected = await RejectAsync<InvalidRequestException>(_inbox.Message() with { SentAt = default });
        rejected.Field.Should().Be(nameof(InboundMessage.SentAt));
    }

    public void Dispose() => _inbox.Dispose();

    /// <summary>
    /// Sends the bad message twice: to a contact with nothing stored (it must not open a conversation), and to a
    /// contact with an open conversation (it must not join it). Returns the exception of the second attempt.
    /// </summary>
    private async Task<TException> RejectAsync<TException>(InboundMessage bad)
        where TException : InboundConversationsException
    {
        var contact = bad.Contact.IsEmpty ? "contact-1" : bad.Contact.Value;
        var act = () => _inbox.Engine.ReceiveAsync(bad).AsTask();

        await act.Should().ThrowExactlyAsync<TException>();
        await InboxState.ShouldBeEmptyAsync(_inbox, contact);

        await _inbox.ReceiveAsync(contact);
        var before = await InboxState.CaptureAsync(_inbox, contact);
        var rejected = (await act.Should().ThrowExactlyAsync<TException>()).Which;
        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox, contact));
        rejected.Should().BeAssignableTo<InboundConversationsException>();
        return rejected;
    }
}
