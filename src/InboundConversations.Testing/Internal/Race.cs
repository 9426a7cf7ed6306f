namespace InboundConversations.Testing.Internal;

/// <summary>Starts many callers at once: the race helper the contract suites share.</summary>
internal static class Race
{
    /// <summary>Runs <paramref name="count"/> calls of <paramref name="call"/> on the thread pool, released together by one gate.</summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, ValueTask<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                return await call(i).ConfigureAwait(false);
            }))
            .ToArray();
        start.SetResult();
        return await Task.WhenAll(callers).ConfigureAwait(false);
    }
}
