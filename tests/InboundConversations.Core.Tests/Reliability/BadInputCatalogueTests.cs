using static InboundConversations.Tests.Reliability.BadCall;
using static InboundConversations.Tests.Reliability.CatalogueScene;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// Malformed and out-of-place calls: each throws its exact exception type (naming the field, and saying what was
/// wrong, where the row says so), and nothing stored or delivered changes
/// (conversations, messages, workflow runs, agent loads, queues, events). The scene is described on
/// <see cref="CatalogueScene"/>.
/// </summary>
public sealed class BadInputCatalogueTests
{
    private static readonly string TooLongId = new('x', 257);

    public static TheoryData<BadCall> EngineCalls => new()
    {
        Row("receive: null message", typeof(ArgumentNullException), s => s.Engine.ReceiveAsync(null!)),
        Row("receive: default contact id", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { Contact = default })),
        Row("receive: default channel id", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { Channel = default })),
        Row("receive: contact id too long", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { Contact = new ContactId(TooLongId) })),
        Row("receive: contact id with a line break", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { Contact = new ContactId("+1555\n0001") })),
        Row("receive: null external id", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = null! })),
        Row("receive: empty external id", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = "" })),
        Row("receive: white-space external id", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = " \t " })),
        Row("receive: external id too long", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = TooLongId })),
        Row("receive: external id with a control character", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = "wamid\u0007" })),
        Row("receive: null content", typeof(InvalidMessageContentException), s => s.Engine.ReceiveAsync(s.Message() with { Content = null! })).Saying("it is null"),
        Row("receive: empty content", typeof(InvalidMessageContentException), s => s.Engine.ReceiveAsync(s.Message() with { Content = "" })).Saying("it is empty"),
        Row("receive: content with a NUL character", typeof(InvalidMessageContentException), s => s.Engine.ReceiveAsync(s.Message() with { Content = "hello\0world" })),
        Row("receive: content with an unpaired surrogate", typeof(InvalidMessageContentException), s => s.Engine.ReceiveAsync(s.Message() with { Content = "broken \uD83D emoji" })),
        Row("receive: external id with an unpaired surrogate", typeof(InvalidIdentifierException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = "wamid\uDC00" })),
        Row("receive: content over MaxContentLength", typeof(MessageTooLargeException), s => s.Engine.ReceiveAsync(s.Message() with { Content = new string('c', MaxContent + 1) })),
        Row("receive: sent-at beyond the clock skew", typeof(MessageSentInFutureException), s => s.Engine.ReceiveAsync(s.Message() with { SentAt = s.Inbox.Clock.GetUtcNow().AddMinutes(6) })),
        Row("receive: sent-at missing", typeof(InvalidRequestException), s => s.Engine.ReceiveAsync(s.Message() with { SentAt = default })).Naming("SentAt").Saying("it is missing (the default value)"),
        Row("receive: an external id another contact's message has on the channel", typeof(InvalidRequestException), s => s.Engine.ReceiveAsync(s.Message() with { ExternalId = s.AssignedExternalId }))
            .Naming("ExternalId").Saying("already recorded on this channel for another contact's message"),
        Row("receive: cancelled token", typeof(TaskCanceledException), s => s.Engine.ReceiveAsync(s.Message(), s.Cancelled)),
        Row("receive: disposed engine", typeof(ObjectDisposedException), s => s.AfterDisposal().Engine.ReceiveAsync(s.Message())),
        Row("open: null request", typeof(ArgumentNullException), s => s.Engine.OpenAsync(null!)),
        Row("open: a contact as opener", typeof(InvalidActorException), s => s.Engine.OpenAsync(s.Open("fresh", Actor.Contact(new ContactId("fresh"))))).Naming("OpenedBy")
            .Saying("may not open a conversation explicitly (a contact opens one by writing)"),
        Row("open: no opener", typeof(InvalidActorException), s => s.Engine.OpenAsync(s.Open("fresh", default))),
        Row("open: the contact has an open conversation", typeof(OpenConversationExistsException), s => s.Engine.OpenAsync(s.Open("+15550000001", Supervisor))),
        Row("send: null message", typeof(ArgumentNullException), s => s.Engine.SendAsync(null!)),
        Row("send: unknown conversation", typeof(ConversationNotFoundException), s => s.Engine.SendAsync(s.Reply(s.Unknown))),
        Row("send: a conversation of another workspace", typeof(ConversationNotFoundException), s => s.Engine.SendAsync(s.Reply(s.Assigned) with { Workspace = OtherWorkspace })),
        Row("send: closed conversation", typeof(ConversationClosedException), s => s.Engine.SendAsync(s.Reply(s.Closed))),
        Row("send: a contact as author", typeof(InvalidActorException), s => s.Engine.SendAsync(s.Reply(s.Assigned) with { Author = Actor.Contact(new ContactId("+15550000001")) }))
            .Saying("may not send a message through SendAsync (contacts write through ReceiveAsync)"),
        Row("send: content with a NUL character", typeof(InvalidMessageContentException), s => s.Engine.SendAsync(s.Reply(s.Assigned) with { Content = "\0" })),
        Row("send: content over MaxContentLength", typeof(MessageTooLargeException), s => s.Engine.SendAsync(s.Reply(s.Assigned) with { Content = new string('r', MaxContent + 1) })),
        Row("close: null request", typeof(ArgumentNullException), s => s.Engine.CloseAsync(null!)),
        Row("close: closed conversation", typeof(ConversationClosedException), s => s.Engine.CloseAsync(s.Close(s.Closed))),
        Row("close: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.CloseAsync(s.Close(default))),
        Row("close: a contact as closer", typeof(InvalidActorException), s => s.Engine.CloseAsync(s.Close(s.Assigned) with { ClosedBy = Actor.Contact(new ContactId("+15550000001")) }))
            .Saying("may not close a conversation."),
        Row("close: category too long", typeof(InvalidRequestException), s => s.Engine.CloseAsync(s.Close(s.Assigned) with { Category = new string('k', MaxCategory + 1) }))
            .Naming("Category").Saying("it is 9 characters long; the most is 8"),
        Row("close: notes with a NUL character", typeof(InvalidRequestException), s => s.Engine.CloseAsync(s.Close(s.Assigned) with { Notes = "done\0" })),
        Row("close: category with an unpaired surrogate", typeof(InvalidRequestException), s => s.Engine.CloseAsync(s.Close(s.Assigned) with { Category = "\uD800" })),
        Row("close: notes too long", typeof(InvalidRequestException), s => s.Engine.CloseAsync(s.Close(s.Assigned) with { Notes = new string('n', MaxNotes + 1) }))
            .Naming("Notes").Saying("it is 13 characters long; the most is 12"),
        Row("close: cancelled token", typeof(OperationCanceledException), s => s.Engine.CloseAsync(s.Close(s.Assigned), s.Cancelled)),
        Row("assign: null request", typeof(ArgumentNullException), s => s.Engine.AssignAsync(null!)),
        Row("assign: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.AssignAsync(s.Assign(default, "ana"))).Naming("ConversationId"),
        Row("assign: closed conversation", typeof(ConversationClosedException), s => s.Engine.AssignAsync(s.Assign(s.Closed, "bob"))),
        Row("assign: an agent outside the team", typeof(AgentNotInTeamException), s => s.Engine.AssignAsync(s.Assign(s.Queued, "bob"))),
        Row("assign: an offline agent", typeof(AgentUnavailableException), s => s.Engine.AssignAsync(s.Assign(s.Queued, "olga"))),
        Row("assign: an agent at full capacity", typeof(AgentUnavailableException), s => s.Engine.AssignAsync(s.Assign(s.Queued, "ana"))),
        Row("assign: unknown agent", typeof(AgentNotFoundException), s => s.Engine.AssignAsync(s.Assign(s.Queued, "nobody"))),
        Row("assign: default agent id", typeof(InvalidIdentifierException), s => s.Engine.AssignAsync(s.Assign(s.Queued, "ana") with { Agent = default })),
        Row("assign: a contact as assigner", typeof(InvalidActorException), s => s.Engine.AssignAsync(s.Assign(s.Queued, "ana") with { AssignedBy = Actor.Contact(new ContactId("+15550000002")) }))
            .Saying("may not assign a conversation."),
        Row("unassign: null request", typeof(ArgumentNullException), s => s.Engine.UnassignAsync(null!)),
        Row("unassign: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.UnassignAsync(new() { ConversationId = default, UnassignedBy = Supervisor })).Naming("ConversationId"),
        Row("unassign: a contact as unassigner", typeof(InvalidActorException), s => s.Engine.UnassignAsync(new() { ConversationId = s.Assigned, UnassignedBy = Actor.Contact(new ContactId("+15550000001")) }))
            .Saying("may not unassign a conversation."),
        Row("unassign: closed conversation", typeof(ConversationClosedException), s => s.Engine.UnassignAsync(new() { ConversationId = s.Closed, UnassignedBy = Supervisor })),
        Row("transfer: null request", typeof(ArgumentNullException), s => s.Engine.TransferAsync(null!)),
        Row("transfer: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.TransferAsync(s.Transfer(default) with { ToTeam = BillingTeam })).Naming("ConversationId"),
        Row("transfer: naming neither team nor agent", typeof(InvalidRequestException), s => s.Engine.TransferAsync(s.Transfer(s.Assigned)))
            .Naming("ToTeam").Saying("a transfer names a team, an agent, or both"),
        Row("transfer: default team id", typeof(InvalidIdentifierException), s => s.Engine.TransferAsync(s.Transfer(s.Assigned) with { ToTeam = default(TeamId) })).Naming("TeamId"),
        Row("transfer: default agent id", typeof(InvalidIdentifierException), s => s.Engine.TransferAsync(s.Transfer(s.Assigned) with { ToAgent = default(AgentId) })).Naming("AgentId"),
        Row("transfer: a contact as transferrer", typeof(InvalidActorException), s => s.Engine.TransferAsync(s.Transfer(s.Assigned) with { ToTeam = BillingTeam, TransferredBy = Actor.Contact(new ContactId("+15550000001")) }))
            .Saying("may not transfer a conversation."),
        Row("transfer to a team: closed conversation", typeof(ConversationClosedException), s => s.Engine.TransferAsync(s.Transfer(s.Closed) with { ToTeam = BillingTeam }))
            .Saying("Enqueue is not allowed on a closed conversation"),
        Row("transfer to an agent: closed conversation", typeof(ConversationClosedException), s => s.Engine.TransferAsync(s.Transfer(s.Closed) with { ToAgent = new AgentId("bob") }))
            .Saying("Assign is not allowed on a closed conversation"),
        Row("transfer: an agent outside the team named", typeof(AgentNotInTeamException), s => s.Engine.TransferAsync(s.Transfer(s.Assigned) with { ToTeam = SupportTeam, ToAgent = new AgentId("bob") })),
        Row("transfer: an offline agent", typeof(AgentUnavailableException), s => s.Engine.TransferAsync(s.Transfer(s.Assigned) with { ToAgent = new AgentId("olga") })),
        Row("snooze: null request", typeof(ArgumentNullException), s => s.Engine.SnoozeAsync(null!)),
        Row("snooze: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.SnoozeAsync(Snooze(s, default, TimeSpan.FromHours(1)))).Naming("ConversationId"),
        Row("snooze: until now", typeof(InvalidRequestException), s => s.Engine.SnoozeAsync(Snooze(s, s.Assigned, TimeSpan.Zero)))
            .Naming("Until").Saying("it is not later than now"),
        Row("snooze: until in the past", typeof(InvalidRequestException), s => s.Engine.SnoozeAsync(Snooze(s, s.Assigned, TimeSpan.FromMinutes(-5)))).Naming("Until"),
        Row("snooze: beyond MaxSnooze", typeof(InvalidRequestException), s => s.Engine.SnoozeAsync(Snooze(s, s.Assigned, TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1))))
            .Naming("Until").Saying("(MaxSnooze)"),
        Row("snooze: a contact as snoozer", typeof(InvalidActorException), s => s.Engine.SnoozeAsync(Snooze(s, s.Assigned, TimeSpan.FromHours(1)) with { SnoozedBy = Actor.Contact(new ContactId("+15550000001")) }))
            .Saying("may not snooze a conversation."),
        Row("snooze: closed conversation", typeof(ConversationClosedException), s => s.Engine.SnoozeAsync(Snooze(s, s.Closed, TimeSpan.FromHours(1)))),
        Row("snooze: queued conversation", typeof(InvalidConversationTransitionException), s => s.Engine.SnoozeAsync(Snooze(s, s.Queued, TimeSpan.FromHours(1)))),
        Row("snooze: unknown conversation", typeof(ConversationNotFoundException), s => s.Engine.SnoozeAsync(Snooze(s, s.Unknown, TimeSpan.FromHours(1)))),
        Row("snooze: cancelled token", typeof(OperationCanceledException), s => s.Engine.SnoozeAsync(Snooze(s, s.Assigned, TimeSpan.FromHours(1)), s.Cancelled)),
        Row("get conversation: unknown", typeof(ConversationNotFoundException), s => s.Engine.GetConversationAsync(s.Unknown)),
        Row("get messages: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.GetMessagesAsync(default)),
        Row("find workflow run: default conversation id", typeof(InvalidIdentifierException), s => s.Engine.FindWorkflowRunAsync(default)).Naming("ConversationId"),
        Row("find open conversation: default contact id", typeof(InvalidIdentifierException), s => s.Engine.FindOpenConversationAsync(default)),
        Row("get conversation: disposed engine", typeof(ObjectDisposedException), s => s.AfterDisposal().Engine.GetConversationAsync(s.Assigned)),
    };

    public static TheoryData<BadCall> RosterCalls => new()
    {
        Row("register: null registration", typeof(ArgumentNullException), s => s.Roster.RegisterAgentAsync(null!)),
        Row("register: default agent id", typeof(InvalidIdentifierException), s => s.Roster.RegisterAgentAsync(s.Registration() with { Agent = default })),
        Row("register: agent id too long", typeof(InvalidIdentifierException), s => s.Roster.RegisterAgentAsync(s.Registration(TooLongId))),
        Row("register: no team", typeof(InvalidRequestException), s => s.Roster.RegisterAgentAsync(s.Registration() with { Teams = [] })),
        Row("register: undefined initial presence", typeof(InvalidRequestException), s => s.Roster.RegisterAgentAsync(s.Registration() with { InitialPresence = (AgentPresence)7 }))
            .Naming("InitialPresence").Saying("7 is not an AgentPresence"),
        Row("register again: undefined initial presence", typeof(InvalidRequestException), s => s.Roster.RegisterAgentAsync(s.Registration("ana") with { InitialPresence = (AgentPresence)7 })),
        Row("register: capacity 0", typeof(InvalidRequestException), s => s.Roster.RegisterAgentAsync(s.Registration() with { Capacity = 0 })),
        Row("register again with capacity 0", typeof(InvalidRequestException), s => s.Roster.RegisterAgentAsync(s.Registration("ana") with { Capacity = 0 })),
        Row("set capacity: 0", typeof(InvalidRequestException), s => s.Roster.SetCapacityAsync(new AgentId("ana"), 0)),
        Row("set capacity: unknown agent", typeof(AgentNotFoundException), s => s.Roster.SetCapacityAsync(new AgentId("nobody"), 3)),
        Row("set presence: unknown agent", typeof(AgentNotFoundException), s => s.Roster.SetPresenceAsync(new AgentId("nobody"), AgentPresence.Online)),
        Row("set presence: an agent of another workspace", typeof(AgentNotFoundException), s => s.Roster.SetPresenceAsync(new AgentId("olga"), AgentPresence.Online, OtherWorkspace)),
        Row("set presence: undefined presence", typeof(InvalidRequestException), s => s.Roster.SetPresenceAsync(new AgentId("olga"), (AgentPresence)42))
            .Naming("presence").Saying("42 is not an AgentPresence"),
        Row("set presence: cancelled token", typeof(OperationCanceledException), s => s.Roster.SetPresenceAsync(new AgentId("olga"), AgentPresence.Online, cancellationToken: s.Cancelled)),
        Row("set presence: disposed roster", typeof(ObjectDisposedException), s => s.AfterDisposal().Roster.SetPresenceAsync(new AgentId("olga"), AgentPresence.Online)),
        Row("get agent: default agent id", typeof(InvalidIdentifierException), s => s.Roster.GetAgentAsync(default)),
        Row("get agent: unknown", typeof(AgentNotFoundException), s => s.Roster.GetAgentAsync(new AgentId("nobody"))),
        Row("get team: default team id", typeof(InvalidIdentifierException), s => s.Roster.GetTeamMembersAsync(default)),
        Row("get team queue: default team id", typeof(InvalidIdentifierException), s => s.Roster.GetTeamQueueAsync(default)).Naming("TeamId"),
        Row("get team queue: maxCount 0", typeof(InvalidRequestException), s => s.Roster.GetTeamQueueAsync(SupportTeam, maxCount: 0))
            .Naming("maxCount").Saying("it is 0; from 1 to 10,000"),
        Row("get team queue: maxCount over 10,000", typeof(InvalidRequestException), s => s.Roster.GetTeamQueueAsync(SupportTeam, maxCount: 10_001)),
    };

    [Theory]
    [MemberData(nameof(EngineCalls))]
    public Task EngineCall_ThrowsItsExactExceptionAndChangesNothing(BadCall row) => RejectedAsync(row);

    [Theory]
    [MemberData(nameof(RosterCalls))]
    public Task RosterCall_ThrowsItsExactExceptionAndChangesNothing(BadCall row) => RejectedAsync(row);

    private static async Task RejectedAsync(BadCall row)
    {
        using var scene = await CreateAsync();
        var before = await scene.SnapshotAsync();

        var thrown = await Record.ExceptionAsync(() => row.Call(scene));

        thrown.Should().NotBeNull($"'{row.Name}' must be rejected").And.BeOfType(row.Expected, row.Name);
        if (thrown is InvalidRequestException input)
        {
            input.Reason.Should().Be(ReasonOf(row.Expected), $"'{row.Name}' is an input error a host switches on by reason");
            input.Field.Should().NotBeNullOrWhiteSpace($"'{row.Name}' names the offending field");
        }
        if (row.Field is { } field)
        {
            FieldOf(thrown!).Should().Be(field, $"'{row.Name}' names the offending field");
        }

        if (row.Message is { } fragment)
        {
            thrown!.Message.Should().Contain(fragment, $"'{row.Name}' says what was wrong");
        }

        before.ShouldBeUnchangedIn(await scene.SnapshotAsync(), $"'{row.Name}' was rejected, so nothing may change");
    }

    private static InvalidRequestReason ReasonOf(Type expected) => expected.Name switch
    {
        nameof(InvalidIdentifierException) => InvalidRequestReason.InvalidIdentifier,
        nameof(InvalidMessageContentException) => InvalidRequestReason.InvalidContent,
        nameof(MessageTooLargeException) => InvalidRequestReason.ContentTooLarge,
        nameof(MessageSentInFutureException) => InvalidRequestReason.SentInFuture,
        nameof(InvalidActorException) => InvalidRequestReason.ActorNotAllowed,
        _ => InvalidRequestReason.InvalidValue,
    };

    private static SnoozeConversationRequest Snooze(CatalogueScene scene, ConversationId id, TimeSpan ahead) =>
        new() { ConversationId = id, Until = scene.Inbox.Clock.GetUtcNow() + ahead, SnoozedBy = Supervisor };

    private static string? FieldOf(Exception thrown) => (thrown as InvalidRequestException)?.Field;
}
