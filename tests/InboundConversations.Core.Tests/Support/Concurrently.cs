namespace InboundConversations.Tests.Support;

/// <summary>Starts many operations on the thread pool and releases them together, so they really race.</summary>
public static class Concurrently
{
    /// <summary>Runs every operation on its own thread-pool task, all held at one gate, then opened at once.</summary>
    public static async Task<T[]> RunAsync<T>(IEnumerable<Func<Task<T>>> operations)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = operations.Select(operation => Task.Run(async () =>
        {
            await gate.Task;
            return await operation();
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Runs <paramref name="count"/> copies of <paramref name="operation"/> (given their index) together.</summary>
    public static Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> operation) =>
        RunAsync(Enumerable.Range(0, count).Select(i => (Func<Task<T>>)(() => operation(i))));
}
