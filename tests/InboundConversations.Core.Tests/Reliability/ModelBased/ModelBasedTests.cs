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
