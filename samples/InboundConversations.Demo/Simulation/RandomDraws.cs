
namespace InboundConversations.Demo.Simulation;

/// <summary>The few kinds of draw the simulation makes, all from one seeded <see cref="Random"/>.</summary>
internal static class RandomDraws
{
    /// <summary>A duration from <paramref name="min"/> to <paramref name="max"/>, both included, in whole seconds.</summary>
    public static TimeSpan Between(this Random random, TimeSpan min, TimeSpan max) =>
        TimeSpan.FromSeconds(random.NextInt64((long)min.TotalSeconds, (long)max.TotalSeconds + 1));

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    /// <summary>Picks by weight: the first choice whose cumulative weight passes a uniform draw.</summary>
    public static T Weighted<T>(this Random random, IReadOnlyList<(T Choice, int Weight)> choices)
    {
        var draw = random.Next(choices.Sum(static c => c.Weight));
        foreach (var (choice, weight) in choices)
        {
            if (draw < weight)
            {
                return choice;
            }

            draw -= weight;
        }

        throw new InvalidOperationException("Every weight is zero.");
    }

    /// <summary>An exponential gap (a Poisson arrival process) of mean <paramref name="mean"/>, at least <paramref name="floor"/>.</summary>
    public static TimeSpan Gap(this Random random, TimeSpan mean, TimeSpan floor)
    {
        var seconds = Math.Round(-Math.Log(1 - random.NextDouble()) * mean.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(seconds, floor.TotalSeconds));
    }
}
