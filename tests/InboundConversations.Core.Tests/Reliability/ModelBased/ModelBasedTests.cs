using System.Text;
using Xunit.Abstractions;

namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>
/// Seeded random sequences against the engine and a reference model: after every step every invariant holds and the
/// engine's observable state equals the model's. A failure prints its seed and the shortest failing sequence found.
/// Set MODEL_SEED to run one more seed (for example the one a failure printed).
/// </summary>
public sealed class ModelBasedTests(ITestOutputHelper output)
{
    private const int Operations = 3_000;
    private const int Contacts = 200;

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int> { 1, 7, 2026 };
        if (int.TryParse(Environment.GetEnvironmentVariable("MODEL_SEED"), out var extra))
        {
            seeds.Add(extra);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomSequence_EngineMatchesTheModelAndKeepsEveryInvariant(int seed)
    {
        var operations = Generator.Generate(seed, Operations, Contacts);
        try
        {
            var (checks, exercised) = await ModelRunner.RunAsync(operations);
            output.WriteLine($"seed {seed}: {operations.Count} operations, {checks} checks passed; exercised: {string.Join(", ", exercised.Select(e => $"{e.Key} {e.Value}"))}");
            exercised.GetValueOrDefault("transfer kept its agent").Should().BePositive("the generator must reach a transfer that re-picks the agent who had the conversation");
            exercised.GetValueOrDefault("assigned from a queue").Should().BePositive();
            exercised.GetValueOrDefault("redelivery recognised").Should().BePositive();
            exercised.GetValueOrDefault("takeover during a run").Should().BePositive("the generator must reach a person's change while a run is held");
            exercised.GetValueOrDefault("manual assign").Should().BePositive();
            exercised.GetValueOrDefault("manual unassign").Should().BePositive();
            exercised.GetValueOrDefault("backstop pass").Should().BePositive();
            exercised.GetValueOrDefault("backstop pass with every reservation past the grace").Should().BePositive();

            // Time: every queue-timeout fallback, the auto-close, both wakes, the arming rules and every refused snooze.
            exercised.GetValueOrDefault("queue timeout transferred and assigned").Should().BePositive();
            exercised.GetValueOrDefault("queue timeout transferred and queued").Should().BePositive("the overflow team's own timeout must apply there");
            exercised.GetValueOrDefault("queue timeout: unassign").Should().BePositive();
            exercised.GetValueOrDefault("queue timeout: close").Should().BePositive();
            exercised.GetValueOrDefault("queue timeout: notify").Should().BePositive();
            exercised.GetValueOrDefault("auto-closed while assigned").Should().BePositive();
            exercised.GetValueOrDefault("agent reply re-armed the auto-close").Should().BePositive();
            exercised.GetValueOrDefault("agent reply while snoozed armed nothing").Should().BePositive();
            exercised.GetValueOrDefault("contact message cancelled the auto-close").Should().BePositive();
            exercised.GetValueOrDefault("snooze cancelled the auto-close").Should().BePositive();
            exercised.GetValueOrDefault("woke on SnoozeEnded to assigned").Should().BePositive();
            exercised.GetValueOrDefault("woke on ContactMessage to assigned").Should().BePositive();
            exercised.GetValueOrDefault("snoozed while unassigned").Should().BePositive();
            exercised.GetValueOrDefault("snooze for exactly the longest snooze").Should().BePositive();
            exercised.Keys.Where(k => k.StartsWith("snooze refused", StringComparison.Ordinal)).Should().Contain(
            [
                "snooze refused: by a contact",
                "snooze refused: until a time not in the future",
                "snooze refused: until beyond the longest snooze",
                "snooze refused: of a closed conversation",
                "snooze refused: of a queued conversation",
                "snooze refused during a run: of a triaging conversation",
            ]);
        }
        catch (ModelDivergenceException divergence)
        {
            var shortest = await Shrinker.ShrinkAsync(operations.Take(divergence.Step).ToList());
            var report = new StringBuilder()
                .AppendLine($"Seed {seed} diverged: {divergence.Message}")
                .AppendLine($"Shortest failing sequence found ({shortest.Count} of {divergence.Step} operations); replay it with")
                .AppendLine("await ModelRunner.RunAsync([");
            foreach (var operation in shortest)
            {
                report.AppendLine($"    {Replay.ToCSharp(operation)}");
            }

            report.AppendLine("]);");

            throw new Xunit.Sdk.XunitException(report.ToString());
        }
    }

    [Fact]
    public async Task ProcessDue_QueueTimeoutOfAConversationAFreedSeatTookEarlierInThePass_IsSkipped()
    {
        // Alpha's eleven seats taken; an agent's reply arms an auto-close that falls due a minute before the queue
        // timeout of the twelfth conversation. The pass closes the first, the freed seat takes the twelfth from the
        // queue, and its queue timeout, claimed as due, must then do nothing: it was assigned before the timeout fired.
        var (_, exercised) = await ModelRunner.RunAsync(
        [
            .. Enumerable.Range(0, 11).Select(c => new Inbound(c, "whatsapp", $"m{c}")),
            new AgentReply(0, "ana"),
            new Clock(44 * 60),
            new Inbound(11, "whatsapp", "m11"),
            new Clock(3 * 60),
            new Backstop(),
        ]);

        exercised.GetValueOrDefault("auto-closed while assigned").Should().Be(1);
        exercised.GetValueOrDefault("assigned from a queue").Should().Be(1);
        exercised.GetValueOrDefault("timer skipped: QueueTimeout").Should().Be(1);
        exercised.GetValueOrDefault("queue timeout: notify").Should().Be(0);
    }

    [Fact]
    public async Task AgentReply_ToAQueuedConversation_ArmsNoAutoClose_AndOnlyTheQueueTimeoutsFire()
    {
        // Gamma's six seats taken and overflow unstaffed (gus full, ivy offline): the seventh conversation waits in the
        // queue, and an agent's reply there arms no auto-close (it waits for the business, not the contact); it
        // overflows at its queue timeout, waits there, and the overflow's own timeout closes it. No auto-close fires.
        var (_, exercised) = await ModelRunner.RunAsync(
        [
            new Presence("ivy", AgentPresence.Offline),
            .. Enumerable.Range(0, 7).Select(c => new Inbound(c, "webchat", $"m{c}")),
            new AgentReply(6, "hal"),
            new Clock(4 * 60),
            new Backstop(),
            new Clock(45 * 60),
            new Backstop(),
        ]);

        exercised.GetValueOrDefault("agent reply while queued armed nothing").Should().Be(1);
        exercised.GetValueOrDefault("queue timeout transferred and queued").Should().Be(1);
        exercised.GetValueOrDefault("queue timeout: close").Should().Be(1);
        exercised.GetValueOrDefault("timer skipped: AutoClose").Should().Be(0);
        exercised.GetValueOrDefault("auto-closed while queued").Should().Be(0);
    }

    [Fact]
    public async Task Shrinker_ReducesAFailingSequenceToTheOperationsThatMatter()
    {
        // A sequence that fails only if it contains both a close of contact 3 and a later message of contact 3.
        static bool Fails(IReadOnlyList<Operation> ops)
        {
            var close = ops.ToList().FindIndex(o => o is Close { Contact: 3 });
            return close >= 0 && ops.Skip(close).Any(o => o is Inbound { Contact: 3 });
        }

        var noise = Generator.Generate(5, 200, 40).Where(o => o is not Close { Contact: 3 } and not Inbound { Contact: 3 }).ToList();
        noise.Insert(50, new Close(3));
        noise.Insert(150, new Inbound(3, "whatsapp", "late"));

        var shortest = await Shrinker.ShrinkAsync(noise, ops => Task.FromResult(Fails(ops)));

        shortest.Should().Equal(new Close(3), new Inbound(3, "whatsapp", "late"));
    }
}
