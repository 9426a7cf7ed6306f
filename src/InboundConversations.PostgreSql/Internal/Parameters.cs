using Npgsql;
using NpgsqlTypes;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// Typed positional parameters (<c>$1, $2, …</c> in the order added), each with an explicit type: no boxing of the
/// common types, no type inference, a null typed too, and one signature per prepared statement. Times are sent in UTC,
/// truncated to the microsecond (<see cref="Microseconds"/>).
/// </summary>
internal static class Parameters
{
    public static NpgsqlParameterCollection Text(this NpgsqlParameterCollection parameters, string value) =>
        Typed(parameters, value, NpgsqlDbType.Text);

    public static NpgsqlParameterCollection NullableText(this NpgsqlParameterCollection parameters, string? value) =>
        Nullable(parameters, value, NpgsqlDbType.Text);

    public static NpgsqlParameterCollection TextArray(this NpgsqlParameterCollection parameters, string[] value) =>
        Typed(parameters, value, NpgsqlDbType.Array | NpgsqlDbType.Text);

    public static NpgsqlParameterCollection Jsonb(this NpgsqlParameterCollection parameters, string json) =>
        Typed(parameters, json, NpgsqlDbType.Jsonb);

    public static NpgsqlParameterCollection Uuid(this NpgsqlParameterCollection parameters, Guid value) =>
        Typed(parameters, value, NpgsqlDbType.Uuid);

    public static NpgsqlParameterCollection SmallInt(this NpgsqlParameterCollection parameters, short value) =>
        Typed(parameters, value, NpgsqlDbType.Smallint);

    public static NpgsqlParameterCollection NullableSmallInt(this NpgsqlParameterCollection parameters, short? value) =>
        Nullable(parameters, value, NpgsqlDbType.Smallint);

    public static NpgsqlParameterCollection Integer(this NpgsqlParameterCollection parameters, int value) =>
        Typed(parameters, value, NpgsqlDbType.Integer);

    public static NpgsqlParameterCollection BigInt(this NpgsqlParameterCollection parameters, long value) =>
        Typed(parameters, value, NpgsqlDbType.Bigint);

    public static NpgsqlParameterCollection Boolean(this NpgsqlParameterCollection parameters, bool value) =>
        Typed(parameters, value, NpgsqlDbType.Boolean);

    public static NpgsqlParameterCollection Timestamp(this NpgsqlParameterCollection parameters, DateTimeOffset value) =>
        Typed(parameters, Microseconds.Truncate(value), NpgsqlDbType.TimestampTz);

    public static NpgsqlParameterCollection NullableTimestamp(this NpgsqlParameterCollection parameters, DateTimeOffset? value) =>
        Nullable(parameters, Microseconds.Truncate(value), NpgsqlDbType.TimestampTz);

    /// <summary>A typed null.</summary>
    public static NpgsqlParameterCollection Null(this NpgsqlParameterCollection parameters, NpgsqlDbType type) =>
        Nullable(parameters, null, type);

    private static NpgsqlParameterCollection Typed<T>(NpgsqlParameterCollection parameters, T value, NpgsqlDbType type)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return parameters;
    }

    private static NpgsqlParameterCollection Nullable(NpgsqlParameterCollection parameters, object? value, NpgsqlDbType type)
    {
        parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        return parameters;
    }
}
