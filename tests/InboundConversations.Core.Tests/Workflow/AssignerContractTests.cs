using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using InboundConversations.Workflow.Internal;

namespace InboundConversations.Tests.Workflow;

/// <summary>
/// The shipped assigners' contract: their names in the run record, their argument checks, the sticky walk over the
/// contact's history, the decisions' factories, and how a reservation not kept is given back.
/// </summary>
public sealed class AssignerContractTests
{
    public static TheoryData<string, string> Assigners() => new()
    {
        { "round-robin", "round-robin" },
        { "least-open", "least-open" },
        { "longest-idle", "longest-idle" },
        { "specific", "specific:ana" },
        { "sticky", "sticky, else longest-idle" },
        { "none", "none" },
    };

    [Theory]
    [MemberData(nameof(Assigners))]
    public async Task Assigner_IsRecordedUnderItsName(string kind, string name)
    {
        var assigner = kind switch
        {
            "round-robin" => AgentAssigners.RoundRobin(),
            "least-open" => AgentAssigners.LeastOpen(),
            "longest-idle" => AgentAssigners.LongestIdle(),
            "specific" => AgentAssigners.Specific(new AgentId("ana")),
            "sticky" => AgentAssigners.Sticky(AgentAssigners.LongestIdle()),
            _ => AgentAssigners.None,
        };
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(assigner));
        await inbox.AddAgentAsync("ana");

        var received = await inbox.ReceiveAsync();

        assigner.Name.Should().Be(name);
        (await inbox.RunOfAsync(received.ConversationId)).Steps.Should().ContainSingle(s => s.Kind == WorkflowStepKind.Assign).Which.Name.Should().Be(name);
    }

    [Fact]
    public void Specific_WithAnEmptyAgentId_Throws()
    {
        var act = () => AgentAssigners.Specific(default);

        act.Should().Throw<InvalidIdentifierException>();
    }

    [Fact]
    public void Sticky_WithoutAFallback_Throws()
    {
        var act = () => AgentAssigners.Sticky(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("fallback");
    }

    [Fact]
    public void AssignmentContext_WithoutADirectoryOrAStore_Throws()
    {
        var conversation = WorkflowContexts.Conversation();
        var contact = WorkflowContexts.Contact();
        var facts = new Dictionary<string, string>();

        var withoutDirectory = () => new AssignmentContext(conversation, null, contact, facts, WorkflowInbox.Support, TestInbox.Start, null!, new InMemoryConversationStore());
        var withoutStore = () => new AssignmentContext(conversation, null, contact, facts, WorkflowInbox.Support, TestInbox.Start, new InMemoryAgentDirectory(), null!);

        withoutDirectory.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("directory");
        withoutStore.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("store");
    }

    [Fact]
    public void AssignmentDecision_FromAReservation_AssignsTheAgent_AndFromNone_Queues()
    {
        var agent = new Agent { Workspace = default, Id = new AgentId("ana"), Teams = [WorkflowInbox.Support], Capacity = 1, OpenConversations = 0, Presence = AgentPresence.Online };

        AssignmentDecision.From(agent).Should().Be(new AssignmentDecision(AssignmentOutcome.Assigned, agent));
        AssignmentDecision.From(null).Should().Be(AssignmentDecision.NoAgentAvailable);
        AssignmentDecision.NoAgentAvailable.Should().Be(new AssignmentDecision(AssignmentOutcome.NoAgentAvailable, null));
        var act = () => AssignmentDecision.AssignedTo(null!);
        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("agent");
    }

    [Fact]
    public async Task Sticky_AContactsOnlyEarlierConversation_GivesItsAgent()
    {
        using var inbox = StickyInbox();
        await AddAgentsAsync(inbox);
        var earlier = await HandledByAsync(inbox, "ana");

        var next = await inbox.ReceiveAsync("returning");

        next.ConversationId.Should().NotBe(earlier);
        (await inbox.ConversationOfAsync(next)).Assignee.Should().Be(new AgentId("ana"), "the fallback would have chosen carla");
    }

    [Fact]
    public async Task Sticky_GivesTheAgentOfTheMostRecentEarlierConversation()
    {
        using var inbox = StickyInbox();
        await AddAgentsAsync(inbox);
        await HandledByAsync(inbox, "ana");
        await HandledByAsync(inbox, "bob");

        var next = await inbox.ReceiveAsync("returning");

        (await inbox.ConversationOfAsync(next)).Assignee.Should().Be(new AgentId("bob"));
    }

    [Fact]
    public async Task Sticky_PassesOverEarlierConversationsLeftWithoutAnAgent()
    {
        using var inbox = StickyInbox();
        await AddAgentsAsync(inbox);
        await HandledByAsync(inbox, "ana");
        await HandledByAsync(inbox, null);

        var next = await inbox.ReceiveAsync("returning");

        (await inbox.ConversationOfAsync(next)).Assignee.Should().Be(new AgentId("ana"));
    }

    [Fact]
    public async Task Sticky_ForAContactWithoutHistory_AsksTheFallback()
    {
        using var inbox = StickyInbox();
        await AddAgentsAsync(inbox);

        var first = await inbox.ReceiveAsync("returning");

        (await inbox.ConversationOfAsync(first)).Assignee.Should().Be(new AgentId("carla"));
    }

    [Fact]
    public async Task Settle_LeavesAReservationTakenAgainForTheVersionStored()
    {
        var (store, directory, id) = await ConversationAtVersionAsync(3);
        await directory.ReserveAsync(default, WorkflowInbox.Support, AgentSelection.Specific(new AgentId("ana")), new ConversationVersion(id, 2), TestInbox.Start, CancellationToken.None);
        // Another caller, which read version 3, takes her again for its assignment (not written yet).
        await directory.ReserveAsync(default, WorkflowInbox.Support, AgentSelection.Specific(new AgentId("ana")), new ConversationVersion(id, 3), TestInbox.Start, CancellationToken.None);

        await Reservations.SettleAsync(directory, store, default, new AgentId("ana"), new ConversationVersion(id, 2));

        (await directory.FindAsync(default, new AgentId("ana"), CancellationToken.None))!.OpenConversations.Should().Be(1, "the unit is the other caller's now");
    }

    [Fact]
    public async Task Settle_GivesBackAReservationTakenForAnEarlierVersion()
    {
        var (store, directory, id) = await ConversationAtVersionAsync(3);
        (await directory.ReserveAsync(default, WorkflowInbox.Support, AgentSelection.Specific(new AgentId("ana")), new ConversationVersion(id, 2), TestInbox.Start, CancellationToken.None))
            !.OpenConversations.Should().Be(1);

        await Reservations.SettleAsync(directory, store, default, new AgentId("ana"), new ConversationVersion(id, 2));

        (await directory.FindAsync(default, new AgentId("ana"), CancellationToken.None))!.OpenConversations.Should().Be(0);
    }

    private static TestInbox StickyInbox() =>
        WorkflowInbox.Create(w => w.DefaultTeam("support").AssignBy(AgentAssigners.Sticky(AgentAssigners.Specific(new AgentId("carla")))));

    private static async Task AddAgentsAsync(TestInbox inbox)
    {
        await inbox.AddAgentAsync("ana");
        await inbox.AddAgentAsync("bob");
        await inbox.AddAgentAsync("carla");
    }

    /// <summary>A conversation of the returning contact, handed to <paramref name="agent"/> (or left unassigned) by hand, then closed.</summary>
    private static async Task<ConversationId> HandledByAsync(TestInbox inbox, string? agent)
    {
        var id = (await inbox.ReceiveAsync("returning")).ConversationId;
        var by = Actor.Agent(new AgentId("lead"));
        if (agent is null)
        {
            await inbox.Engine.UnassignAsync(new UnassignConversationRequest { ConversationId = id, UnassignedBy = by });
        }
        else
        {
            await inbox.Engine.AssignAsync(new AssignConversationRequest { ConversationId = id, Agent = new AgentId(agent), AssignedBy = by });
        }

        (await inbox.Engine.GetConversationAsync(id)).Assignee.Should().Be(agent is null ? null : new AgentId(agent));
        await inbox.CloseAsync(id);
        inbox.Clock.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private static async Task<(InMemoryConversationStore Store, InMemoryAgentDirectory Directory, ConversationId Id)> ConversationAtVersionAsync(long version)
    {
        var stores = new SharedStores();
        var id = await stores.OpenWithoutRunningAsync("contact-1", TestInbox.Start);
        while ((await stores.Conversations.FindAsync(default, id, CancellationToken.None))!.Version < version)
        {
            stores.Touch(id);
        }

        await stores.Agents.RegisterAsync(new AgentRegistration { Agent = new AgentId("ana"), Teams = [WorkflowInbox.Support], Capacity = 5, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        return (stores.Conversations, stores.Agents, id);
    }
}
