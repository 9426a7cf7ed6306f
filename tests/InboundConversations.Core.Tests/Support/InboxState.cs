namespace InboundConversations.Tests.Support;

/// <summary>
/// What the inbox holds for one contact (its conversations and all their messages) plus the number of events
/// delivered so far: taken before and after a rejected call to prove that nothing changed.
/// </summary>
public sealed record InboxState(IReadOnlyList<Conversation> Conversations, IReadOnlyList<ConversationMessage> Messages, int EventCount)
{
    public static async Task<InboxState> CaptureAsync(TestInbox inbox, string contact = "contact-1", WorkspaceId workspace = default)
    {
        var conversations = await inbox.Engine.GetContactConversationsAsync(new ContactId(contact), workspace);
        var messages = new List<ConversationMessage>();
        foreach (var conversation in conversations)
        {
            messages.AddRange(await inbox.Engine.GetMessagesAsync(conversation.Id, workspace));
        }

        return new InboxState(conversations, messages, inbox.Events.Count);
    }

    /// <summary>Asserts that <paramref name="after"/> holds exactly what this state held.</summary>
    public void ShouldBeUnchangedIn(InboxState after)
    {
        after.Conversations.Should().Equal(Conversations, "a rejected call must not change any conversation");
        after.Messages.Should().Equal(Messages, "a rejected call must not record any message");
        after.EventCount.Should().Be(EventCount, "a rejected call must not raise any event");
    }

    /// <summary>Asserts that the contact has nothing stored and no event was ever raised.</summary>
    public static async Task ShouldBeEmptyAsync(TestInbox inbox, string contact = "contact-1", WorkspaceId workspace = default)
    {
        var state = await CaptureAsync(inbox, contact, workspace);
        state.Conversations.Should().BeEmpty("nothing may be stored for a rejected request");
        inbox.Events.Should().BeEmpty("no event may be raised for a rejected request");
    }
}
