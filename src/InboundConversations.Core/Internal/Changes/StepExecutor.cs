using InboundConversations.Internal.Diagnostics;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Internal.Changes;

/// <summary>
/// Runs one workflow step under the step timeout, measured on the library's <see cref="TimeProvider"/>, and records
/// its outcome. A step that throws or times out yields a failed record, never an exception.
/// </summary>
internal sealed class StepExecutor(TimeProvider clock, TimeSpan timeout, ILogger logger)
{
    public async ValueTask<StepResult<T>> RunAsync<T>(
        WorkflowStepKind kind, string name, ConversationId conversationId, Func<CancellationToken, ValueTask<T>> step, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        using var stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A step that finishes before it first yields (most do: an in-memory look-up, a keyword match) has finished
        // within its limit, as it would have with a timer running: no timer is needed, nor a thread hop to cancel one.
#pragma warning disable CA2012 // Consumed once: awaited below, or turned into a task (and replaced) when it has not finished.
        var work = Invoke(step, stepCancellation.Token);
#pragma warning restore CA2012
        if (!work.IsCompleted)
        {
            // The limit holds from the step's first instruction: the timer gets what the synchronous part left.
            var remaining = timeout - clock.GetElapsedTime(started);
            using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var deadline = Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, clock, timerCancellation.Token);
            var running = work.AsTask();
            work = new ValueTask<T>(running);
            if (await Task.WhenAny(running, deadline).ConfigureAwait(false) == deadline)
            {
                await stepCancellation.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                Log.StepFailed(logger, kind, name, conversationId, WorkflowStepStatus.TimedOut, nameof(TimeoutException));
                return new StepResult<T>(Record(WorkflowStepStatus.TimedOut, $"The step did not finish within {timeout}."), default);
            }

            await timerCancellation.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            return new StepResult<T>(Record(WorkflowStepStatus.Succeeded, null), await work.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing step is recorded and the run goes on: that is the workflow's failure semantics.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.StepFailed(logger, kind, name, conversationId, WorkflowStepStatus.Failed, exception.GetType().Name);
            // The exception's type only: its message may quote the content or the contact, and the record is stored.
            return new StepResult<T>(Record(WorkflowStepStatus.Failed, exception.GetType().FullName), default);
        }

        WorkflowStep Record(WorkflowStepStatus status, string? error) =>
            new(kind, name, status, startedAt, clock.GetElapsedTime(started), error);
    }

    /// <summary>Starts the step; a step that throws before its first await fails the returned task instead of the caller.</summary>
    private static ValueTask<T> Invoke<T>(Func<CancellationToken, ValueTask<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return step(cancellationToken);
        }
#pragma warning disable CA1031 // Rethrown where the step's result is awaited, as for a step that fails later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ValueTask.FromException<T>(exception);
        }
    }
}

/// <summary>A step's record, and its result when it succeeded.</summary>
internal readonly record struct StepResult<T>(WorkflowStep Step, T? Value)
{
    public bool Succeeded => Step.Status == WorkflowStepStatus.Succeeded;
}
