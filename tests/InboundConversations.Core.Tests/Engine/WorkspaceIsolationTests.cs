using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Invariant 9: the same contact id in two workspaces names two independent contacts.</summary>
public sealed class WorkspaceIsolationTests : IDisposable
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly WorkspaceId Globex = new("globex");

    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Receive_SameContactIdInTwoWorkspaces_OpensTwoIndependentConversations()
    {
        var acme = await _inbox.ReceiveAsync("contact-1", workspace: Acme);
        var globex = await _inbox.ReceiveAsync("contact-1", workspace: Globex);

        acme.OpenedConversation.Should().BeTrue();
        globex.OpenedConversation.Should().BeTrue();
        globex.ConversationId.Should().NotBe(acme.ConversationId);
        (await _inbox.Engine.GetConversationAsync(acme.ConversationId, Acme)).Workspace.Should().Be(Acme);
        (await _inbox.Engine.GetConversationAsync(globex.ConversationId, Globex)).Workspace.Should().Be(Globex);
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact(), Acme)).Should().ContainSingle().Which.Id.Should().Be(acme.ConversationId);
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact(), Globex)).Should().ContainSingle().Which.Id.Should().Be(globex.ConversationId);
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact())).Should().BeEmpty("the default workspace is a third one");
    }

    [Fact]
    public async Task Reads_InOneWorkspace_NeverSeeAnotherWorkspacesConversation()
    {
        var globex = await _inbox.ReceiveAsync("contact-1", workspace: Globex);

        (await _inbox.Engine.FindOpenConversationAsync(TestInbox.Contact(), Acme)).Should().BeNull();
        await _inbox.Invoking(i => i.Engine.GetConversationAsync(globex.ConversationId, Acme).AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();
        await _inbox.Invoking(i => i.Engine.GetMessagesAsync(globex.ConversationId, Acme).AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task SendAndClose_NamingAnotherWorkspacesConversation_ThrowConversationNotFoundAndChangeNothing()
    {
        var globex = await _inbox.ReceiveAsync("contact-1", workspace: Globex);
        var before = await InboxState.CaptureAsync(_inbox, workspace: Globex);

        await _inbox.Invoking(i => i.SendAsync(globex.ConversationId, workspace: Acme).AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();
        await _inbox.Invoking(i => i.CloseAsync(globex.ConversationId, workspace: Acme).AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();

        before.ShouldBeUnchangedIn(await InboxState.CaptureAsync(_inbox, workspace: Globex));
    }

    [Fact]
    public async Task Receive_SameChannelAndExternalIdInTwoWorkspaces_IsNotADuplicate()
    {
        var acme = await _inbox.ReceiveAsync("contact-1", externalId: "wamid-1", workspace: Acme);

        var globex = await _inbox.ReceiveAsync("contact-1", externalId: "wamid-1", workspace: Globex);

        globex.IsDuplicate.Should().BeFalse();
        globex.MessageId.Should().NotBe(acme.MessageId);
    }

    [Fact]
    public async Task Close_InOneWorkspace_LeavesTheSameContactOpenInAnother()
    {
        var acme = await _inbox.ReceiveAsync("contact-1", workspace: Acme);
        var globex = await _inbox.ReceiveAsync("contact-1", workspace: Globex);

        await _inbox.CloseAsync(acme.ConversationId, workspace: Acme);
        var next = await _inbox.ReceiveAsync("contact-1", workspace: Globex);

        next.ConversationId.Should().Be(globex.ConversationId);
        (await _inbox.Engine.FindOpenConversationAsync(TestInbox.Contact(), Globex))!.Id.Should().Be(globex.ConversationId);
    }

    [Fact]
    public async Task Events_CarryTheWorkspaceOfTheirConversation()
    {
        var acme = await _inbox.ReceiveAsync("contact-1", workspace: Acme);
        var globex = await _inbox.ReceiveAsync("contact-1", workspace: Globex);

        _inbox.Events.Where(e => e.ConversationId == acme.ConversationId).Should().OnlyContain(e => e.Workspace == Acme).And.HaveCount(2);
        _inbox.Events.Where(e => e.ConversationId == globex.ConversationId).Should().OnlyContain(e => e.Workspace == Globex).And.HaveCount(2);
    }

    [Fact]
    public async Task Receive_SameContactIdInTwoWorkspacesConcurrently_OpensOneConversationInEach()
    {
        var results = await Concurrently.RunAsync(100, i => _inbox.ReceiveAsync("contact-1", workspace: i % 2 == 0 ? Acme : Globex).AsTask());

        results.Count(r => r.OpenedConversation).Should().Be(2);
        foreach (var workspace in new[] { Acme, Globex })
        {
            var conversation = (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact(), workspace)).Should().ContainSingle().Subject;
            (await _inbox.Engine.GetMessagesAsync(conversation.Id, workspace)).Should().HaveCount(50).And.OnlyContain(m => m.Workspace == workspace);
        }
    }

    public void Dispose() => _inbox.Dispose();
}
