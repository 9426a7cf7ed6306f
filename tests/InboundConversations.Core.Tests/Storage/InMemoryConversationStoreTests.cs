using InboundConversations.Storage;
using InboundConversations.Testing;

namespace InboundConversations.Tests.Storage;

/// <summary>
/// The in-memory store's test-only loader (<see cref="InMemoryConversationStore.Import"/>, internal) and the choices it makes where the
/// port leaves them open: how it reports, and recovers from, imported data that breaks the one-open invariant.
/// </summary>
public sealed class InMemoryConversationStoreTests
{
    private readonly StoreSamples _samples = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Import_Null_ThrowsArgumentNull() =>
        new InMemoryConversationStore().Invoking(s => s.Import(null!)).Should().ThrowExactly<ArgumentNullException>();

    [Fact]
    public async Task Import_AnIdAlreadyStored_ThrowsInvalidRequestNamingItAndKeepsTheStoredOne()
    {
        var store = new InMemoryConversationStore();
        var stored = _samples.AgentOpened(_samples.NewContact());
        store.Import(stored);

        var refused = store.Invoking(s => s.Import(_samples.AgentOpened(_samples.NewContact()) with { Id = stored.Id }))
            .Should().ThrowExactly<InvalidRequestException>().Which;

        refused.Field.Should().Be(nameof(Conversation.Id));
        refused.Message.Should().Be($"The request's Id is not valid: conversation {stored.Id} already exists.");
        (await store.FindAsync(default, stored.Id, CancellationToken.None)).Should().Be(stored);
    }

    [Fact]
    public async Task Import_WithMessages_KeepsThemInOrder_AndARedeliveryOfAnImportedInboundMessageIsADuplicate()
    {
        var store = new InMemoryConversationStore();
        var contact = _samples.NewContact();
        var conversation = _samples.AgentOpened(contact);
        var inbound = Message(conversation, MessageDirection.Inbound, sequence: 1, externalId: "imported-1");
        var outbound = Message(conversation, MessageDirection.Outbound, sequence: 2, externalId: null);

        store.Import(conversation, [inbound, outbound]);

        (await store.ListMessagesAsync(default, conversation.Id, CancellationToken.None)).Should().Equal(inbound, outbound);
        var redelivered = await store.AppendInboundAsync(_samples.Inbound(contact, channel: conversation.Channel.Value) with { ExternalId = "imported-1" }, CancellationToken.None);
        redelivered.Outcome.Should().Be(InboundAppendOutcome.Duplicate);
        redelivered.Message.Should().Be(inbound);
        var fresh = await store.AppendInboundAsync(_samples.Inbound(contact, channel: conversation.Channel.Value), CancellationToken.None);
        fresh.Outcome.Should().Be(InboundAppendOutcome.Appended);
        fresh.Message.Sequence.Should().Be(3);
    }

    [Fact]
    public async Task Import_WithoutMessages_StoresAnEmptyTranscript()
    {
        var store = new InMemoryConversationStore();
        var conversation = _samples.AgentOpened(_samples.NewContact());

        store.Import(conversation);

        (await store.ListMessagesAsync(default, conversation.Id, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_AQueuedConversation_IsInItsTeamsQueue()
    {
        var store = new InMemoryConversationStore();
        var team = new TeamId("billing");
        var queued = _samples.AgentOpened(_samples.NewContact()) with { State = ConversationState.Queued, Team = team, QueuedAt = _samples.NextTime() };

        store.Import(queued);

        (await store.ListQueuedAsync(default, team, 10, CancellationToken.None)).Should().Equal(queued);
        (await store.ListQueuedTeamsAsync(null, 10, CancellationToken.None)).Should().Equal(new QueuedTeam(default, team));
    }

    [Fact]
    public async Task FindOpen_OfThreeImportedOpenConversations_ReportsAllThreeInOpeningOrder()
    {
        var store = new InMemoryConversationStore();
        var contact = _samples.NewContact();
        var (a, b, c) = (_samples.AgentOpened(contact), _samples.AgentOpened(contact), _samples.AgentOpened(contact));
        store.Import(a);
        store.Import(b);
        store.Import(c);

        var corruption = await store.Invoking(s => s.FindOpenAsync(default, contact, CancellationToken.None).AsTask())
            .Should().ThrowExactlyAsync<StoreCorruptionException>();

        corruption.Which.ConversationIds.Should().Equal(a.Id, b.Id, c.Id);
        corruption.Which.Message.Should().Be(
            $"Store corruption in workspace 'default': a contact has more than one open conversation (conversations {a.Id}, {b.Id}, {c.Id}).");
    }

    [Fact]
    public async Task FindOpen_AfterTheLaterOfTwoImportedOpenConversationsCloses_ReadsTheEarlierOne()
    {
        var store = new InMemoryConversationStore();
        var contact = _samples.NewContact();
        var (a, b) = (_samples.AgentOpened(contact), _samples.AgentOpened(contact));
        store.Import(a);
        store.Import(b);

        await store.UpdateAsync(_samples.Closed(b), CancellationToken.None);

        (await store.FindOpenAsync(default, contact, CancellationToken.None))?.Id.Should().Be(a.Id);
        (await store.AppendInboundAsync(_samples.Inbound(contact), CancellationToken.None)).Message.ConversationId.Should().Be(a.Id);
    }

    [Fact]
    public async Task FindOpen_AfterTheEarlierOfTwoImportedOpenConversationsCloses_ReadsTheLaterOne()
    {
        var store = new InMemoryConversationStore();
        var contact = _samples.NewContact();
        var (a, b) = (_samples.AgentOpened(contact), _samples.AgentOpened(contact));
        store.Import(a);
        store.Import(b);

        await store.UpdateAsync(_samples.Closed(a), CancellationToken.None);

        (await store.FindOpenAsync(default, contact, CancellationToken.None))?.Id.Should().Be(b.Id);
    }

    [Fact]
    public async Task FindOpen_OfThreeImportedOpenConversations_ReportsThoseStillOpenAsEachCloses()
    {
        var store = new InMemoryConversationStore();
        var contact = _samples.NewContact();
        var (a, b, c) = (_samples.AgentOpened(contact), _samples.AgentOpened(contact), _samples.AgentOpened(contact));
        store.Import(a);
        store.Import(b);
        store.Import(c);

        await store.UpdateAsync(_samples.Closed(b), CancellationToken.None);
        var twoLeft = await store.Invoking(s => s.FindOpenAsync(default, contact, CancellationToken.None).AsTask())
            .Should().ThrowExactlyAsync<StoreCorruptionException>();
        await store.UpdateAsync(_samples.Closed(a), CancellationToken.None);

        twoLeft.Which.ConversationIds.Should().Equal(a.Id, c.Id);
        (await store.FindOpenAsync(default, contact, CancellationToken.None))?.Id.Should().Be(c.Id);
    }

    [Fact]
    public async Task ListUnfinishedWorkflowRuns_CreatedAtTheSameTime_AreOrderedByConversationId()
    {
        var store = new InMemoryConversationStore();
        var createdAt = _samples.NextTime();
        var ids = new[] { "c", "a", "b" }.Select(d => new ConversationId(Guid.Parse($"{d}0000000-0000-7000-8000-000000000001"))).ToArray();
        foreach (var id in ids)
        {
            var conversation = _samples.AgentOpened(_samples.NewContact()) with { Id = id };
            await store.OpenAsync(conversation, WorkflowRun.Pending(default, id, createdAt), CancellationToken.None);
        }

        var unfinished = await store.ListUnfinishedWorkflowRunsAsync(10, CancellationToken.None);

        unfinished.Select(r => r.ConversationId).Should().Equal(ids[1], ids[2], ids[0]);
    }

    private ConversationMessage Message(Conversation conversation, MessageDirection direction, long sequence, string? externalId)
    {
        var at = _samples.NextTime();
        return new ConversationMessage
        {
            Workspace = conversation.Workspace,
            Id = new MessageId(Guid.NewGuid()),
            ConversationId = conversation.Id,
            Contact = conversation.Contact,
            Direction = direction,
            Channel = conversation.Channel,
            ExternalId = externalId,
            Author = direction == MessageDirection.Inbound ? Actor.Contact(conversation.Contact) : Actor.Agent(new AgentId("agent-1")),
            Content = $"imported {sequence}",
            SentAt = at,
            RecordedAt = at,
            Sequence = sequence,
        };
    }
}
