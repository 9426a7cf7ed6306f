using Npgsql;
using NpgsqlTypes;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>The conversation store's groups of positional parameters (an actor, a conversation's state, its timers, a run's state), typed by <see cref="Parameters"/>.</summary>
internal static class ConversationParameters
{
    /// <summary>An actor as its (kind, id) columns: two parameters.</summary>
    public static void AddActor(this NpgsqlParameterCollection parameters, Actor actor)
    {
        parameters.SmallInt((short)actor.Kind);
        parameters.NullableText(actor.Id);
    }

    /// <summary>
    /// The columns of <paramref name="conversation"/> an update replaces (all but its keys, contact and version):
    /// channel, source, opened by, opened at, state, team, assignee, queued at, closure; fourteen parameters.
    /// </summary>
    public static void AddConversationState(this NpgsqlParameterCollection parameters, Conversation conversation)
    {
        parameters.Text(conversation.Channel.Value);
        parameters.SmallInt((short)conversation.Source);
        parameters.AddActor(conversation.OpenedBy);
        parameters.Timestamp(conversation.OpenedAt);
        parameters.SmallInt((short)conversation.State);
        parameters.NullableText(conversation.Team?.Value);
        parameters.NullableText(conversation.Assignee?.Value);
        parameters.NullableTimestamp(conversation.QueuedAt);
        var closure = conversation.Closure;
        parameters.NullableSmallInt(closure is null ? null : (short)closure.ClosedBy.Kind);
        parameters.NullableText(closure?.ClosedBy.Id);
        parameters.NullableTimestamp(closure?.ClosedAt);
        parameters.NullableText(closure?.Category);
        parameters.NullableText(closure?.Notes);
    }

    /// <summary>
    /// The timers of <paramref name="conversation"/> as the store keeps them: the jsonb, and the earliest due time the
    /// claim reads (none for a closed conversation, which is never claimed); two parameters.
    /// </summary>
    public static void AddTimers(this NpgsqlParameterCollection parameters, Conversation conversation)
    {
        parameters.Jsonb(TimerJson.Write(conversation.Timers));
        parameters.NullableTimestamp(conversation.IsOpen ? conversation.Timers.NextDueAt : null);
    }

    /// <summary>
    /// The columns of <paramref name="run"/> an update replaces (all but its keys and version): status, created at,
    /// facts, team, agent, steps, attempts, claim expiry, ended at; nine parameters.
    /// </summary>
    public static void AddRunState(this NpgsqlParameterCollection parameters, WorkflowRun run)
    {
        parameters.SmallInt((short)run.Status);
        parameters.Timestamp(run.CreatedAt);
        parameters.Jsonb(WorkflowRunJson.WriteFacts(run.Facts));
        parameters.NullableText(run.Team?.Value);
        parameters.NullableText(run.Agent?.Value);
        parameters.Jsonb(WorkflowRunJson.WriteSteps(run.Steps));
        parameters.Integer(run.Attempts);
        parameters.NullableTimestamp(run.ClaimExpiresAt);
        parameters.NullableTimestamp(run.EndedAt);
    }

    /// <summary>Nine typed nulls in place of <see cref="AddRunState"/>'s parameters, for a statement that stores no run.</summary>
    public static void AddNoRunState(this NpgsqlParameterCollection parameters)
    {
        foreach (var type in (ReadOnlySpan<NpgsqlDbType>)[
            NpgsqlDbType.Smallint, NpgsqlDbType.TimestampTz, NpgsqlDbType.Jsonb, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz])
        {
            parameters.Null(type);
        }
    }
}
