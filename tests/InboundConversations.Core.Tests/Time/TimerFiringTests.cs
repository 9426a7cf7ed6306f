using InboundConversations.Storage;
using InboundConversations.Tests.Support;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Time;

/// <summary>
/// How <see cref="IConversationEngine.ProcessDueAsync"/> fires durable timers across processes (engines over shared
/// stores): at most once per arming, never on a conversation that moved on, even when the process that armed or
/// claimed it died; a timer whose firing fails stays armed and fires once its claim lapses.
/// </summary>
public sealed class TimerFiringTests
{
    private static readonly TimeSpan For = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lease = new InboundConversationsOptions().TimerLease;

    [Fact]
    public async Task SeveralEngines_RacingOverTheSameDueTimers_FireEachOnce()
    {
        const int Conversations = 40;
        var stores = new SharedStores();
        using var arming = stores.StartEngine(w => w.DefaultTeam("support"));
        await arming.AddAgentAsync("ana", capacity: Conversations);
        for (var i = 0; i < Conversations; i++)
        {
            var open = await arming.ReceiveAsync($"c{i}");
            await arming.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = open.ConversationId, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        }

        var engines = Enumerable.Range(0, 4).Select(_ => stores.StartEngine(w => w.DefaultTeam("support"))).ToArray();
        try
        {
            foreach (var engine in engines)
            {
                engine.Clock.Advance(For);
            }

            var passes = await Task.WhenAll(engines.SelectMany(e => Enumerable.Range(0, 3).Select(_ => Task.Run(async () => await e.Engine.ProcessDueAsync()))));

            passes.Sum(p => p.SnoozesEnded).Should().Be(Conversations);
            engines.Sum(e => e.Events.OfType<ConversationWoke>().Count()).Should().Be(Conversations);
            var all = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(i => arming.Engine.FindOpenConversationAsync(new ContactId($"c{i}")).AsTask()));
            all.Should().OnlyContain(c => c!.State == ConversationState.Assigned && c.Timers.Count == 0);
            (await arming.LoadOfAsync("ana")).Should().Be(Conversations);
        }
        finally
        {
            foreach (var engine in engines)
            {
                engine.Dispose();
            }
        }
    }

    [Fact]
    public async Task TimerArmedByAProcessThatDied_IsFiredOnceByAnother()
    {
        var stores = new SharedStores();
        ConversationId id;
        using (var dying = stores.StartEngine(w => w.DefaultTeam("support")))
        {
            await dying.AddAgentAsync("ana");
            id = (await dying.ReceiveAsync("c1")).ConversationId;
            await dying.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = id, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        }

        using var survivor = stores.StartEngine(w => w.DefaultTeam("support"));
        survivor.Clock.Advance(For);

        var first = await survivor.Engine.ProcessDueAsync();
        var second = await survivor.Engine.ProcessDueAsync();

        first.SnoozesEnded.Should().Be(1);
        second.TimersFired.Should().Be(0);
        (await survivor.Engine.GetConversationAsync(id)).State.Should().NotBe(ConversationState.Snoozed);
    }

    [Fact]
    public async Task TimerClaimedByAProcessThatDied_FiresOnlyOnceTheClaimLapses()
    {
        var stores = new SharedStores();
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"));
        await engine.AddAgentAsync("ana");
        var id = (await engine.ReceiveAsync("c1")).ConversationId;
        await engine.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = id, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        engine.Clock.Advance(For);
        var claimedByTheDead = await stores.Conversations.ClaimDueAsync(engine.Clock.GetUtcNow(), Lease, 10, CancellationToken.None);

        var whileClaimed = await engine.Engine.ProcessDueAsync();
        engine.Clock.Advance(Lease);
        var afterTheLease = await engine.Engine.ProcessDueAsync();

        claimedByTheDead.Should().ContainSingle(c => c.Id == id);
        whileClaimed.TimersFired.Should().Be(0);
        afterTheLease.SnoozesEnded.Should().Be(1);
    }

    [Fact]
    public async Task TimerReArmedAfterItWasClaimed_FiresNothing_AndTheNewArmingStands()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await engine.AddAgentAsync("ana");
        var id = (await engine.ReceiveAsync("c1")).ConversationId;
        await engine.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = id, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        engine.Clock.Advance(For);
        var later = new ConversationTimer(ConversationTimerKind.SnoozeEnd, TestInbox.Start + For * 3, TestInbox.Start + For);
        var claimed = false;
        store!.Before = async call =>
        {
            if (call == nameof(IConversationStore.ClaimDueAsync))
            {
                claimed = true;
            }
            else if (call == nameof(IConversationStore.FindAsync) && claimed)
            {
                // Another process re-snoozes it between the claim and the firing.
                claimed = false;
                var current = (await stores.Conversations.FindAsync(default, id, CancellationToken.None))!;
                await stores.Conversations.UpdateAsync(current with { Timers = current.Timers.With(later) }, CancellationToken.None);
            }
        };

        var pass = await engine.Engine.ProcessDueAsync();

        pass.SnoozesEnded.Should().Be(0);
        pass.TimersSkipped.Should().Be(1);
        var stored = await engine.Engine.GetConversationAsync(id);
        stored.State.Should().Be(ConversationState.Snoozed);
        stored.Timers.Should().ContainSingle().Which.Should().Be(later);
    }

    [Fact]
    public async Task FiringThatTheStoreFails_IsCounted_StaysArmed_AndFiresOnceItsClaimLapses()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        await engine.AddAgentAsync("ana");
        var id = (await engine.ReceiveAsync("c1")).ConversationId;
        await engine.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = id, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        engine.Clock.Advance(For);
        store!.Fails = call => call == nameof(IConversationStore.UpdateAsync);

        var failing = await engine.Engine.ProcessDueAsync();
        store.Fails = _ => false;
        var stillClaimed = await engine.Engine.ProcessDueAsync();
        engine.Clock.Advance(Lease);
        var retried = await engine.Engine.ProcessDueAsync();

        failing.TimersFailed.Should().Be(1);
        failing.FailedSteps.Should().Be(0, "one timer failing is not the step failing");
        stillClaimed.TimersFired.Should().Be(0);
        retried.SnoozesEnded.Should().Be(1);
    }

    [Fact]
    public async Task ClaimThatTheStoreFails_FailsTheStep_AndTheOtherStepsGoOn()
    {
        var stores = new SharedStores();
        InstrumentedConversationStore? store = null;
        using var engine = stores.StartEngine(w => w.DefaultTeam("support"), inner => store = new InstrumentedConversationStore(inner));
        store!.Fails = call => call == nameof(IConversationStore.ClaimDueAsync);

        var pass = await engine.Engine.ProcessDueAsync();

        pass.FailedSteps.Should().Be(1);
    }

    [Fact]
    public async Task ProcessDue_CountsEachKind()
    {
        var stores = new SharedStores();
        using var engine = stores.StartEngine(
            w => w.DefaultTeam("support").QueueTimeout(For * 2, QueueTimeoutFallback.Unassign()),
            services: s => s.Configure<InboundConversationsOptions>(o => o.AutoCloseAfter = For));
        await engine.AddAgentAsync("ana", capacity: 2);
        var snoozed = await engine.ReceiveAsync("c1");
        await engine.Engine.SnoozeAsync(new SnoozeConversationRequest { ConversationId = snoozed.ConversationId, Until = TestInbox.Start + For, SnoozedBy = Actor.Api() });
        var replied = await engine.ReceiveAsync("c2");
        await engine.SendAsync(replied.ConversationId, agent: "ana");
        var waiting = await engine.ReceiveAsync("c3");
        engine.Clock.Advance(For);

        var pass = await engine.Engine.ProcessDueAsync();

        pass.Should().BeEquivalentTo(new ProcessDueResult { SnoozesEnded = 1, ConversationsAutoClosed = 1 });
        pass.TimersFired.Should().Be(2);
        var next = await engine.ConversationOfAsync(waiting);
        next.State.Should().Be(ConversationState.Assigned, "the auto-close gave ana's seat back, and the queue moved with it");
        next.Timers.Should().BeEmpty("its queue timeout was cancelled with its assignment");
    }
}
