using Npgsql;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The column lists the conversation store selects, and the readers that rebuild domain records from them. A reader
/// starts at a given ordinal, so one row can carry a flag or an outcome before the record's columns.
/// </summary>
internal static class ConversationRows
{
    public const string ConversationColumns =
        "workspace, id, contact, channel, source, opened_by_kind, opened_by_id, opened_at, state, team, assignee, " +
        "queued_at, closed_by_kind, closed_by_id, closed_at, close_category, close_notes, version, timers";

    public const string MessageColumns =
        "workspace, conversation_id, sequence, id, contact, direction, channel, external_id, author_kind, author_id, " +
        "content, sent_at, recorded_at";

    public const string RunColumns =
        "workspace, conversation_id, status, created_at, facts, team, agent, steps, attempts, claim_expires_at, ended_at, version";

    /// <summary>How many columns <see cref="ConversationColumns"/> has.</summary>
    public const int ConversationColumnCount = 19;

    /// <summary><paramref name="columns"/> with each name qualified by <paramref name="alias"/>.</summary>
    public static string Qualified(string columns, string alias) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));

    public static Conversation ReadConversation(NpgsqlDataReader reader, int first)
    {
        var closedAt = NullableTime(reader, first + 14);
        return new Conversation
        {
            Workspace = new WorkspaceId(reader.GetString(first)),
            Id = new ConversationId(reader.GetGuid(first + 1)),
            Contact = new ContactId(reader.GetString(first + 2)),
            Channel = new ChannelId(reader.GetString(first + 3)),
            Source = (ConversationSource)reader.GetInt16(first + 4),
            OpenedBy = ReadActor(reader, first + 5),
            OpenedAt = reader.GetFieldValue<DateTimeOffset>(first + 7),
            State = (ConversationState)reader.GetInt16(first + 8),
            Team = reader.IsDBNull(first + 9) ? null : new TeamId(reader.GetString(first + 9)),
            Assignee = reader.IsDBNull(first + 10) ? null : new AgentId(reader.GetString(first + 10)),
            QueuedAt = NullableTime(reader, first + 11),
            Closure = closedAt is { } at
                ? new ConversationClosure(ReadActor(reader, first + 12), at, NullableString(reader, first + 15), NullableString(reader, first + 16))
                : null,
            Version = reader.GetInt64(first + 17),
            Timers = TimerJson.Read(reader.GetString(first + 18)),
        };
    }

    public static ConversationMessage ReadMessage(NpgsqlDataReader reader, int first) => new()
    {
        Workspace = new WorkspaceId(reader.GetString(first)),
        ConversationId = new ConversationId(reader.GetGuid(first + 1)),
        Sequence = reader.GetInt64(first + 2),
        Id = new MessageId(reader.GetGuid(first + 3)),
        Contact = new ContactId(reader.GetString(first + 4)),
        Direction = (MessageDirection)reader.GetInt16(first + 5),
        Channel = new ChannelId(reader.GetString(first + 6)),
        ExternalId = NullableString(reader, first + 7),
        Author = ReadActor(reader, first + 8),
        Content = reader.GetString(first + 10),
        SentAt = reader.GetFieldValue<DateTimeOffset>(first + 11),
        RecordedAt = reader.GetFieldValue<DateTimeOffset>(first + 12),
    };

    public static WorkflowRun ReadRun(NpgsqlDataReader reader, int first) => new()
    {
        Workspace = new WorkspaceId(reader.GetString(first)),
        ConversationId = new ConversationId(reader.GetGuid(first + 1)),
        Status = (WorkflowRunStatus)reader.GetInt16(first + 2),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(first + 3),
        Facts = WorkflowRunJson.ReadFacts(reader.GetString(first + 4)),
        Team = reader.IsDBNull(first + 5) ? null : new TeamId(reader.GetString(first + 5)),
        Agent = reader.IsDBNull(first + 6) ? null : new AgentId(reader.GetString(first + 6)),
        Steps = WorkflowRunJson.ReadSteps(reader.GetString(first + 7)),
        Attempts = reader.GetInt32(first + 8),
        ClaimExpiresAt = NullableTime(reader, first + 9),
        EndedAt = NullableTime(reader, first + 10),
        Version = reader.GetInt64(first + 11),
    };

    /// <summary>An actor from its (kind, id) columns, through the factory of its kind.</summary>
    private static Actor ReadActor(NpgsqlDataReader reader, int kindColumn)
    {
        var id = NullableString(reader, kindColumn + 1);
        return (ActorKind)reader.GetInt16(kindColumn) switch
        {
            ActorKind.Contact => Actor.Contact(new ContactId(id!)),
            ActorKind.Agent => Actor.Agent(new AgentId(id!)),
            ActorKind.Workflow => Actor.Workflow(id),
            ActorKind.Api => Actor.Api(id),
            _ => default,
        };
    }

    private static string? NullableString(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);
}
