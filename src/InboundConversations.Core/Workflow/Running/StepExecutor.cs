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
        try
        {
            var result = await step(stepCancellation.Token).AsTask().WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
            return new StepResult<T>(Record(WorkflowStepStatus.Succeeded, null), result);
        }
        catch (TimeoutException)
        {
            await stepCancellation.CancelAsync().ConfigureAwait(false);
            Log.StepFailed(logger, kind, name, conversationId, WorkflowStepStatus.TimedOut, nameof(TimeoutException));
            return new StepResult<T>(Record(WorkflowStepStatus.TimedOut, $"The step did not finish within {timeout}."), default);
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
}

/// <summary>A step's record, and its result when it succeeded.</summary>
internal readonly record struct StepResult<T>(WorkflowStep Step, T? Value)
{
    public bool Succeeded => Step.Status == WorkflowStepStatus.Succeeded;
}
