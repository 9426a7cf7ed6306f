using Npgsql;
using NpgsqlTypes;

namespace InboundConversations.Storage.PostgreSql;

/// <summary>Typed positional parameters (<c>$1, $2, …</c> in the order added): no boxing, no type inference.</summary>
internal static class Parameters
{
    public static NpgsqlParameterCollection Text(this NpgsqlParameterCollection parameters, string value)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text });
        return parameters;
    }

    public static NpgsqlParameterCollection TextArray(this NpgsqlParameterCollection parameters, string[] value)
    {
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return parameters;
    }

    public static NpgsqlParameterCollection Integer(this NpgsqlParameterCollection parameters, int value)
    {
        parameters.Add(new NpgsqlParameter<int> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer });
        return parameters;
    }

    public static NpgsqlParameterCollection SmallInt(this NpgsqlParameterCollection parameters, short value)
    {
        parameters.Add(new NpgsqlParameter<short> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Smallint });
        return parameters;
    }

    public static NpgsqlParameterCollection Boolean(this NpgsqlParameterCollection parameters, bool value)
    {
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Boolean });
        return parameters;
    }

    /// <summary>A timestamptz, sent in UTC as Npgsql requires; PostgreSQL keeps microseconds (ticks below are dropped).</summary>
    public static NpgsqlParameterCollection Timestamp(this NpgsqlParameterCollection parameters, DateTimeOffset value)
    {
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = value.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return parameters;
    }
}
