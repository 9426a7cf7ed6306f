namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>Finds a shorter failing sequence by removing chunks of operations while the sequence still fails (delta debugging).</summary>
public static class Shrinker
{
    private const int MaxAttempts = 400;

    public static Task<List<Operation>> ShrinkAsync(List<Operation> failing) => ShrinkAsync(failing, FailsAsync);

    public static async Task<List<Operation>> ShrinkAsync(List<Operation> failing, Func<IReadOnlyList<Operation>, Task<bool>> fails)
    {
        var current = failing;
        var attempts = 0;
        for (var chunk = Math.Max(1, current.Count / 2); chunk >= 1 && attempts < MaxAttempts; chunk /= 2)
        {
            var removedAny = true;
            while (removedAny && attempts < MaxAttempts)
            {
                removedAny = false;
                for (var start = 0; start < current.Count && attempts < MaxAttempts; start += chunk)
                {
                    var candidate = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                    attempts++;
                    if (candidate.Count < current.Count && await fails(candidate))
                    {
                        current = candidate;
                        removedAny = true;
                        start -= chunk;
                    }
                }
            }
        }

        return current;
    }

    private static async Task<bool> FailsAsync(IReadOnlyList<Operation> operations)
    {
        try
        {
            await ModelRunner.RunAsync(operations);
            return false;
        }
        catch (ModelDivergenceException)
        {
            return true;
        }
    }
}
