using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Reliability;

/// <summary>The fault-injecting wrappers do what they say: seeded, counted, and "failed after commit" really commits.</summary>
public sealed class FaultPlanTests
{
    private static readonly FaultCall Write = new("IConversationStore", "UpdateAsync", IsWrite: true);
    private static readonly FaultCall Read = new("IConversationStore", "FindAsync", IsWrite: false);

    [Fact]
    public void Decisions_ForOneSeed_Replay_AndAnotherSeedDiffers()
    {
        var rates = new FaultRates(Transient: 0.2, Delay: 0.2, FailAfterCommit: 0.2);
        static FaultKind[] Draw(int seed, FaultRates rates)
        {
            var plan = new FaultPlan(seed, rates);
            return Enumerable.Range(0, 200).Select(_ => plan.Decide(Write)).ToArray();
        }

        Draw(7, rates).Should().Equal(Draw(7, rates));
        Draw(7, rates).Should().NotEqual(Draw(8, rates));
        Draw(7, rates).Should().Contain([FaultKind.None, FaultKind.Transient, FaultKind.Delay, FaultKind.FailAfterCommit]);
    }

    [Fact]
    public void Counters_TallyEachDecision_ByKindAndOperation()
    {
        var plan = new FaultPlan(3, new FaultRates(Transient: 0.3, FailAfterCommit: 0.3));
        var kinds = Enumerable.Range(0, 100).Select(_ => plan.Decide(Write)).Concat(Enumerable.Range(0, 10).Select(_ => plan.Decide(Read))).ToArray();

        plan.Total.Should().Be(new FaultTally(110, kinds.Count(k => k == FaultKind.Transient), 0, kinds.Count(k => k == FaultKind.FailAfterCommit)));
        plan.ByOperation["IConversationStore.FindAsync"].Should().Be(new FaultTally(10, 0, 0, 0), "reads get no faults by default");
        plan.ByOperation["IConversationStore.UpdateAsync"].Calls.Should().Be(100);
    }

    [Fact]
    public void RatesPerOperation_Override_And_IsEnabledFalse_PassesAll_ButOverrideStillDecides()
    {
        var plan = new FaultPlan(1, new FaultRates(Transient: 1)).SetRates(Write.Name, FaultRates.None);
        plan.Reads = new FaultRates(FailAfterCommit: 1);

        plan.Decide(Write).Should().Be(FaultKind.None);
        plan.Decide(Read).Should().Be(FaultKind.FailAfterCommit);
        plan.Decide(new FaultCall("IContactStore", "UpdateAsync", true)).Should().Be(FaultKind.Transient);

        plan.IsEnabled = false;
        plan.Decide(Read).Should().Be(FaultKind.None);
        plan.Override = call => call.IsWrite ? FaultKind.Transient : null;
        plan.Decide(Write).Should().Be(FaultKind.Transient);
        plan.Decide(Read).Should().Be(FaultKind.None);
    }

    [Fact]
    public void Rates_OutOfRangeOrAboveOneInAll_AreRefused()
    {
        FluentActions.Invoking(() => new FaultPlan(1, new FaultRates(Transient: 0.6, Delay: 0.6))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new FaultPlan(1).Writes = new FaultRates(Delay: -0.1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(FaultKind.Transient, false)]
    [InlineData(FaultKind.FailAfterCommit, true)]
    public async Task AnInjectedFault_OnAWrite_KeepsTheWriteOnlyAfterCommit(FaultKind kind, bool kept)
    {
        var inner = new InMemoryConversationStore();
        var plan = new FaultPlan(1) { Override = call => call.IsWrite ? kind : null };
        var store = new FaultInjectingConversationStore(inner, plan);
        var append = Append("ext-1");

        var fault = (await store.Invoking(s => s.AppendInboundAsync(append, CancellationToken.None).AsTask()).Should().ThrowAsync<InjectedFaultException>()).Which;

        fault.Committed.Should().Be(kept);
        fault.IsTransient.Should().BeTrue();
        fault.Call.Name.Should().Be("IConversationStore.AppendInboundAsync");
        (await inner.ListByContactAsync(default, append.Contact, CancellationToken.None)).Should().HaveCount(kept ? 1 : 0);
        plan.Override = null;
        (await store.AppendInboundAsync(append, CancellationToken.None)).Outcome.Should().Be(kept ? InboundAppendOutcome.Duplicate : InboundAppendOutcome.Opened, "a retry is safe either way");
    }

    [Fact]
    public async Task Delays_And_EveryWrapper_PassThrough()
    {
        var plan = new FaultPlan(5) { Override = _ => FaultKind.Delay };
        var directory = new FaultInjectingAgentDirectory(new InMemoryAgentDirectory(), plan);
        var contacts = new FaultInjectingContactStore(new InMemoryContactStore(), plan);

        await directory.RegisterAsync(new AgentRegistration { Agent = new AgentId("ana"), Teams = [WorkflowInbox.Support], Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None);
        var reserved = await directory.ReserveAsync(default, WorkflowInbox.Support, AgentSelection.LeastOpen, StoreSamples.NewConversation(), TestInbox.Start, CancellationToken.None);
        await contacts.UpdateAsync(new ContactUpdate { Workspace = default, Contact = new ContactId("c"), AddTags = ["vip"] }, CancellationToken.None);

        reserved!.OpenConversations.Should().Be(1);
        (await contacts.Inner.GetAsync(default, new ContactId("c"), CancellationToken.None)).Tags.Should().Contain("vip");
        plan.Total.Delayed.Should().Be(3);
    }

    private static InboundAppend Append(string externalId) => new()
    {
        Workspace = default,
        Contact = new ContactId("contact-1"),
        Channel = new ChannelId("whatsapp"),
        ExternalId = externalId,
        Content = "Hello",
        SentAt = TestInbox.Start,
        ReceivedAt = TestInbox.Start,
        MessageId = MessageId.New(TestInbox.Start),
        NewConversationId = ConversationId.New(TestInbox.Start),
        NewConversationState = ConversationState.Unassigned,
    };
}
