using Npgsql;
using NpgsqlTypes;

namespace InboundConversations.Storage.PostgreSql;

/// <summary>
/// Adds the conversation store's positional parameters, each with an explicit type (so a null is typed too, and a
/// prepared statement keeps one signature). Times are truncated to the microsecond, in UTC (<see cref="Microseconds"/>).
/// </summary>
internal static class ConversationParameters
{
    public static void AddText(this NpgsqlParameterCollection parameters, string value) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text });

    public static void AddNullableText(this NpgsqlParameterCollection parameters, string? value) =>
        AddNullable(parameters, value, NpgsqlDbType.Text);

    public static void AddJsonb(this NpgsqlParameterCollection parameters, string json) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb });

    public static void AddUuid(this NpgsqlParameterCollection parameters, Guid value) =>
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid });

    public static void AddSmallint(this NpgsqlParameterCollection parameters, short value) =>
        parameters.Add(new NpgsqlParameter<short> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Smallint });

    public static void AddInteger(this NpgsqlParameterCollection parameters, int value) =>
        parameters.Add(new NpgsqlParameter<int> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer });

    public static void AddBigint(this NpgsqlParameterCollection parameters, long value) =>
        parameters.Add(new NpgsqlParameter<long> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint });

    public static void AddBoolean(this NpgsqlParameterCollection parameters, bool value) =>
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Boolean });

    public static void AddTime(this NpgsqlParameterCollection parameters, DateTimeOffset value) =>
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Microseconds.Truncate(value), NpgsqlDbType = NpgsqlDbType.TimestampTz });

    public static void AddNullableTime(this NpgsqlParameterCollection parameters, DateTimeOffset? value) =>
        AddNullable(parameters, Microseconds.Truncate(value), NpgsqlDbType.TimestampTz);

    /// <summary>An actor as its (kind, id) columns: two parameters.</summary>
    public static void AddActor(this NpgsqlParameterCollection parameters, Actor actor)
    {
        parameters.AddSmallint((short)actor.Kind);
        parameters.AddNullableText(actor.Id);
    }

    /// <summary>
    /// The columns of <paramref name="conversation"/> an update replaces (all but its keys, contact and version):
    /// channel, source, opened by, opened at, state, team, assignee, queued at, closure; fourteen parameters.
    /// </summary>
    public static void AddConversationState(this NpgsqlParameterCollection parameters, Conversation conversation)
    {
        parameters.AddText(conversation.Channel.Value);
        parameters.AddSmallint((short)conversation.Source);
        parameters.AddActor(conversation.OpenedBy);
        parameters.AddTime(conversation.OpenedAt);
        parameters.AddSmallint((short)conversation.State);
        parameters.AddNullableText(conversation.Team?.Value);
        parameters.AddNullableText(conversation.Assignee?.Value);
        parameters.AddNullableTime(conversation.QueuedAt);
        var closure = conversation.Closure;
        AddNullable(parameters, closure is null ? null : (short)closure.ClosedBy.Kind, NpgsqlDbType.Smallint);
        parameters.AddNullableText(closure?.ClosedBy.Id);
        parameters.AddNullableTime(closure?.ClosedAt);
        parameters.AddNullableText(closure?.Category);
        parameters.AddNullableText(closure?.Notes);
    }

    /// <summary>
    /// The columns of <paramref name="run"/> an update replaces (all but its keys and version): status, created at,
    /// facts, team, agent, steps, attempts, claim expiry, ended at; nine parameters.
    /// </summary>
    public static void AddRunState(this NpgsqlParameterCollection parameters, WorkflowRun run)
    {
        parameters.AddSmallint((short)run.Status);
        parameters.AddTime(run.CreatedAt);
        parameters.AddJsonb(WorkflowRunJson.WriteFacts(run.Facts));
        parameters.AddNullableText(run.Team?.Value);
        parameters.AddNullableText(run.Agent?.Value);
        parameters.AddJsonb(WorkflowRunJson.WriteSteps(run.Steps));
        parameters.AddInteger(run.Attempts);
        parameters.AddNullableTime(run.ClaimExpiresAt);
        parameters.AddNullableTime(run.EndedAt);
    }

    /// <summary>Nine typed nulls in place of <see cref="AddRunState"/>'s parameters, for a statement that stores no run.</summary>
    public static void AddNoRunState(this NpgsqlParameterCollection parameters)
    {
        foreach (var type in (ReadOnlySpan<NpgsqlDbType>)[
            NpgsqlDbType.Smallint, NpgsqlDbType.TimestampTz, NpgsqlDbType.Jsonb, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz])
        {
            AddNullable(parameters, null, type);
        }
    }

    private static void AddNullable(NpgsqlParameterCollection parameters, object? value, NpgsqlDbType type) =>
        parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
}
