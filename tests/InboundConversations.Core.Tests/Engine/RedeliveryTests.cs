using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Invariant 3: a redelivered message (same channel and external id) is recognised and not applied again.</summary>
public sealed class RedeliveryTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Receive_SameMessageTwice_SecondIsDuplicateNamingTheOriginalAndStoresNothing()
    {
        var message = _inbox.Message(externalId: "wamid-1");
        var original = await _inbox.Engine.ReceiveAsync(message);
        var before = await InboxState.CaptureAsync(_inbox);

        var redelivery = await _inbox.Engine.ReceiveAsync(message);

        redelivery.IsDuplicate.Should().BeTrue();
        redelivery.OpenedConversation.Should().BeFalse();
        redelivery.ConversationId.Should().Be(original.ConversationId);
        redelivery.MessageId.Should().Be(original.MessageId);
        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
    }

    [Fact]
    public async Task Receive_HundredMessagesDeliveredTwiceConcurrently_StoresEachOnceAndSecondDeliveryIsDuplicate()
    {
        var messages = Enumerable.Range(0, 100).Select(i => _inbox.Message(externalId: $"ext-{i}")).ToArray();

        var first = await Concurrently.RunAsync(messages.Length, i => _inbox.Engine.ReceiveAsync(messages[i]).AsTask());
        var eventsAfterFirst = _inbox.Events.Count;
        var second = await Concurrently.RunAsync(messages.Length, i => _inbox.Engine.ReceiveAsync(messages[i]).AsTask());

        second.Should().OnlyContain(r => r.IsDuplicate);
        second.Should().Equal(first.Select(r => r with { Outcome = ReceiveOutcome.Duplicate }), "a duplicate names the original conversation and message");
        var conversation = (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact())).Should().ContainSingle().Subject;
        (await _inbox.Engine.GetMessagesAsync(conversation.Id)).Should().HaveCount(100);
        _inbox.Events.Should().HaveCount(eventsAfterFirst, "a redelivery raises no event");
    }

    [Fact]
    public async Task Receive_EachMessageTwiceInOneConcurrentBurst_StoresEachOnceAndTheOtherCopyIsDuplicateOfIt()
    {
        var messages = Enumerable.Range(0, 100).Select(i => _inbox.Message(externalId: $"ext-{i}")).ToArray();

        var results = await Concurrently.RunAsync(200, i => _inbox.Engine.ReceiveAsync(messages[i % 100]).AsTask());

        for (var i = 0; i < 100; i++)
        {
            var pair = new[] { results[i], results[i + 100] };
            pair.Should().ContainSingle(r => r.IsDuplicate, $"exactly one copy of ext-{i} is recorded");
            pair[0].MessageId.Should().Be(pair[1].MessageId);
            pair[0].ConversationId.Should().Be(pair[1].ConversationId);
        }

        var conversation = (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact())).Should().ContainSingle().Subject;
        (await _inbox.Engine.GetMessagesAsync(conversation.Id)).Should().HaveCount(100);
    }

    [Fact]
    public async Task Receive_AnExternalIdAnotherContactsMessageHas_IsRefusedWithoutRevealingTheirConversation()
    {
        using var inbox = new TestInbox();
        var theirs = await inbox.ReceiveAsync("contact-1", "wamid-7");

        var refused = await FluentActions.Awaiting(() => inbox.ReceiveAsync("contact-2", "wamid-7").AsTask())
            .Should().ThrowAsync<InvalidRequestException>();

        refused.Which.Field.Should().Be(nameof(InboundMessage.ExternalId));
        refused.Which.Message.Should().NotContain(theirs.ConversationId.ToString()).And.NotContain("contact-1");
        (await inbox.Engine.FindOpenConversationAsync(new ContactId("contact-2"))).Should().BeNull();
        (await inbox.Engine.GetMessagesAsync(theirs.ConversationId)).Should().ContainSingle();
        (await inbox.ReceiveAsync("contact-1", "wamid-7")).IsDuplicate.Should().BeTrue("the same contact's redelivery is still recognised");
    }

    [Fact]
    public async Task Receive_SameExternalIdOnAnotherChannel_IsADifferentMessage()
    {
        var first = await _inbox.Engine.ReceiveAsync(_inbox.Message(externalId: "id-1", channel: "whatsapp"));

        var second = await _inbox.Engine.ReceiveAsync(_inbox.Message(externalId: "id-1", channel: "messenger"));

        second.IsDuplicate.Should().BeFalse();
        second.MessageId.Should().NotBe(first.MessageId);
        (await _inbox.Engine.GetMessagesAsync(first.ConversationId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Receive_RedeliveryOfMessageOfClosedConversation_IsDuplicateAndOpensNothing()
    {
        var message = _inbox.Message(externalId: "wamid-1");
        var original = await _inbox.Engine.ReceiveAsync(message);
        await _inbox.CloseAsync(original.ConversationId);
        var before = await InboxState.CaptureAsync(_inbox);

        var redelivery = await _inbox.Engine.ReceiveAsync(message);

        redelivery.IsDuplicate.Should().BeTrue();
        redelivery.ConversationId.Should().Be(original.ConversationId);
        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox));
        (await _inbox.Engine.FindOpenConversationAsync(TestInbox.Contact())).Should().BeNull();
    }

    public void Dispose() => _inbox.Dispose();
}
