using InboundConversations.Diagnostics;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Workflow.Running;

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
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The timer starts before the step, so the step's time limit holds from its first instruction.
        var deadline = Task.Delay(timeout, clock, timerCancellation.Token);
        var work = InvokeAsync(step, stepCancellation.Token);
        if (await Task.WhenAny(work, deadline).ConfigureAwait(false) == deadline)
        {
            await stepCancellation.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            Log.StepFailed(logger, kind, name, conversationId, WorkflowStepStatus.TimedOut, nameof(TimeoutException));
            return new StepResult<T>(Record(WorkflowStepStatus.TimedOut, $"The step did not finish within {timeout}."), default);
        }

        await timerCancellation.CancelAsync().ConfigureAwait(false);
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
            return new StepResult<T>(Record(WorkflowStepStatus.Failed, $"{exception.GetType().FullName}: {exception.Message}"), default);
        }

        WorkflowStep Record(WorkflowStepStatus status, string? error) =>
            new(kind, name, status, startedAt, clock.GetElapsedTime(started), error);
    }

    /// <summary>Runs the step as a task; a step that throws before its first await fails the task instead of the caller.</summary>
    private static async Task<T> InvokeAsync<T>(Func<CancellationToken, ValueTask<T>> step, CancellationToken cancellationToken) =>
        await step(cancellationToken).ConfigureAwait(false);
}

/// <summary>A step's record, and its result when it succeeded.</summary>
internal readonly record struct StepResult<T>(WorkflowStep Step, T? Value)
{
    public bool Succeeded => Step.Status == WorkflowStepStatus.Succeeded;
}
