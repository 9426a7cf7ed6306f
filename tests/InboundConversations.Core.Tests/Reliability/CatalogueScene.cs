using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// The inbox every row of the bad-input catalogue starts from, with the workflow on: team "support" holds ana
/// (online, capacity 1, full with <see cref="Assigned"/>) and olga (offline); team "billing" holds bob (online).
/// <see cref="Queued"/> waits on support; <see cref="Closed"/> was closed; contact "fresh" has nothing yet.
/// </summary>
public sealed class CatalogueScene : IDisposable
{
    public const int MaxContent = 64;
    public const int MaxCategory = 8;
    public const int MaxNotes = 12;

    public static readonly TeamId SupportTeam = new("support");
    public static readonly TeamId BillingTeam = new("billing");
    public static readonly Actor Supervisor = Actor.Agent(new AgentId("supervisor"));
    public static readonly WorkspaceId OtherWorkspace = new("other");

    private static readonly string[] Contacts = ["+15550000001", "+15550000002", "+15550000003", "fresh"];

    private CatalogueScene(TestInbox inbox) => Inbox = inbox;

    public TestInbox Inbox { get; }

    public IConversationEngine Engine => Inbox.Engine;

    public IAgentRoster Roster => Inbox.Roster;

    public ConversationId Assigned { get; private set; }

    public ConversationId Queued { get; private set; }

    public ConversationId Closed { get; private set; }

    /// <summary>The external id of the message that opened <see cref="Assigned"/> (contact +15550000001, channel whatsapp).</summary>
    public string AssignedExternalId { get; private set; } = "";

    /// <summary>An id no conversation has.</summary>
    public ConversationId Unknown => ConversationId.New(Inbox.Clock.GetUtcNow());

    public CancellationToken Cancelled { get; } = new(canceled: true);

    public static async Task<CatalogueScene> CreateAsync()
    {
        var inbox = new TestInbox(
            options =>
            {
                options.MaxContentLength = MaxContent;
                options.MaxCategoryLength = MaxCategory;
                options.MaxNotesLength = MaxNotes;
            },
            build: b => b.AddInboundWorkflow(w => w.DefaultTeam("support")));
        var scene = new CatalogueScene(inbox);
        await inbox.AddAgentAsync("ana", capacity: 1);
        await inbox.AddAgentAsync("olga", presence: AgentPresence.Offline);
        await inbox.AddAgentAsync("bob", teams: "billing");
        scene.Closed = (await inbox.ReceiveAsync(Contacts[2])).ConversationId;
        await inbox.CloseAsync(scene.Closed);
        var opening = inbox.Message(Contacts[0]);
        scene.AssignedExternalId = opening.ExternalId;
        scene.Assigned = (await inbox.Engine.ReceiveAsync(opening)).ConversationId;
        await inbox.SendAsync(scene.Assigned);
        scene.Queued = (await inbox.ReceiveAsync(Contacts[1])).ConversationId;
        return scene;
    }

    /// <summary>A valid message from contact "fresh", which has no conversation yet.</summary>
    public InboundMessage Message() => Inbox.Message("fresh");

    public OutboundMessage Reply(ConversationId id) => new() { ConversationId = id, Author = Supervisor, Content = "On it." };

    public CloseConversationRequest Close(ConversationId id) => new() { ConversationId = id, ClosedBy = Supervisor };

    public AssignConversationRequest Assign(ConversationId id, string agent) => new() { ConversationId = id, Agent = new AgentId(agent), AssignedBy = Supervisor };

    public TransferConversationRequest Transfer(ConversationId id) => new() { ConversationId = id, TransferredBy = Supervisor };

    public OpenConversationRequest Open(string contact, Actor by) => new() { Contact = new ContactId(contact), Channel = new ChannelId("whatsapp"), OpenedBy = by };

    public AgentRegistration Registration(string agent = "nina") => new() { Agent = new AgentId(agent), Teams = [SupportTeam], Capacity = 2, InitialPresence = AgentPresence.Online };

    /// <summary>Disposes the container, as a host's shutdown does, and returns the scene for the call that follows.</summary>
    public CatalogueScene AfterDisposal()
    {
        Inbox.Dispose();
        return this;
    }

    /// <summary>Conversations, messages, runs, agent loads, queues and events: what no rejected call may change.</summary>
    public Task<PortSnapshot> SnapshotAsync() =>
        PortSnapshot.CaptureAsync(Inbox, Contacts.Select(c => new ContactId(c)), [SupportTeam, BillingTeam]);

    public void Dispose() => Inbox.Dispose();
}

/// <summary>
/// One row of the catalogue: a name, the call, and the exact exception type it must throw; optionally the field it
/// must name (<see cref="InvalidRequestException.Field"/>, the whole family of input errors)
/// and a fragment its message must contain, where the caller is told what was wrong.
/// </summary>
public sealed record BadCall(string Name, Type Expected, Func<CatalogueScene, Task> Call)
{
    /// <summary>The field the exception names, if the row checks it.</summary>
    public string? Field { get; init; }

    /// <summary>A fragment of the exception's message, if the row checks it.</summary>
    public string? Message { get; init; }

    public static BadCall Row<TResult>(string name, Type expected, Func<CatalogueScene, ValueTask<TResult>> call) =>
        new(name, expected, async scene => await call(scene));

    /// <summary>This row, also checking the field the exception names.</summary>
    public BadCall Naming(string field) => this with { Field = field };

    /// <summary>This row, also checking a fragment of the exception's message.</summary>
    public BadCall Saying(string fragment) => this with { Message = fragment };

    public override string ToString() => $"{Name} → {Expected.Name}";
}
