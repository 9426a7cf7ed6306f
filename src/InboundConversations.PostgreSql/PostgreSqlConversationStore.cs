using InboundConversations.PostgreSql.Internal;
using InboundConversations.Storage;
using Npgsql;

namespace InboundConversations.PostgreSql;

/// <summary>
/// An <see cref="IConversationStore"/> over PostgreSQL, for hosts that run several processes over one database: every
/// promise of the port holds across processes, kept by the database itself.
/// </summary>
/// <remarks>
/// <para>One open conversation per contact is a unique partial index; the (channel, external id) "seen" key is a
/// unique index on the messages themselves, so the key and the message are one row; versions make updates
/// optimistic. Every call is one SQL statement (one round trip), atomic without an explicit transaction: an inbound
/// message's duplicate check, the lock on the open conversation, the opening, the pending workflow run and the
/// message are one statement. Only a race (two openings for one contact, two deliveries of one message at once)
/// costs the loser another round trip or two.</para>
/// <para>A close and an inbound message for the same conversation are ordered by the conversation's row lock: the
/// message lands before the close, or (the close committed first) the message opens the next conversation.</para>
/// <para>A conversation's timers are a jsonb column of its row, beside their earliest due time: every write of the
/// conversation stores them in its own statement (an outbound message arms one, an inbound message cancels some) and
/// ends a claim on them. <see cref="ClaimDueAsync"/> is one statement over a partial index on the due time: it reads only
/// the due conversations, and two processes claiming at once never take the same one (rows locked by the other are
/// skipped, and the claim is re-checked on the row it locks).</para>
/// <para>Times are stored to the microsecond (PostgreSQL's precision): each is truncated, in UTC, before it is
/// written, and the snapshots this store returns carry the truncated times, as later reads do.</para>
/// </remarks>
public sealed class PostgreSqlConversationStore : IConversationStore
{
    private const string ConversationKey = "conversations_pkey";
    private const string SeenIndex = "messages_seen";

    /// <summary>
    /// How many times a call re-runs its statement after losing a race (another process opened the contact's
    /// conversation, or recorded the same message, in between): each retry needs another commit for the same contact,
    /// so this is never reached in practice; it only guarantees the loop ends.
    /// </summary>
    private const int MaxAttempts = 32;

    private readonly PostgreSqlDatabase _database;
    private readonly ConversationSql _sql;

    /// <summary>Creates the store over <paramref name="dataSource"/>; the data source stays the caller's to dispose.</summary>
    /// <param name="dataSource">The database; the schema is migrated (or checked) before the first call of the process.</param>
    /// <param name="options">The schema and whether to migrate it; the defaults if <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options name an invalid schema.</exception>
    public PostgreSqlConversationStore(NpgsqlDataSource dataSource, PostgreSqlOptions? options = null)
        : this(new PostgreSqlDatabase(dataSource, options ?? new PostgreSqlOptions()))
    {
    }

    internal PostgreSqlConversationStore(PostgreSqlDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _sql = new ConversationSql(database.Schema);
    }

    /// <inheritdoc />
    public async ValueTask<InboundAppendResult> AppendInboundAsync(InboundAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        if (string.IsNullOrEmpty(append.ExternalId))
        {
            throw new InvalidRequestException(nameof(InboundAppend.ExternalId), "an inbound message needs its channel's id, the idempotency key");
        }

        if (append.Content is null)
        {
            throw new InvalidRequestException(nameof(InboundAppend.Content), "it is null");
        }

        cancellationToken.ThrowIfCancellationRequested();
        append = append with { SentAt = Microseconds.Truncate(append.SentAt), ReceivedAt = Microseconds.Truncate(append.ReceivedAt) };
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Once the write has begun it completes: the statements below do not take the caller's token.
        for (var attempt = 1; ; attempt++)
        {
            ThrowIfGivingUp(attempt);
            try
            {
                if (await TryAppendInboundAsync(connection, append).ConfigureAwait(false) is { } result)
                {
                    return result;
                }

                // An opening for this contact committed after the statement's snapshot: again, to join it.
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == SeenIndex)
            {
                // A delivery of the same message committed first (again: the duplicate check now finds it), or the
                // contact has two open conversations and the message went to both (reported here).
                await ThrowIfSeveralOpenAsync(connection, append.Workspace, append.Contact).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == ConversationKey)
            {
                throw new InvalidRequestException(nameof(InboundAppend.NewConversationId), $"conversation {append.NewConversationId} already exists");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<OpenConversationResult> OpenAsync(Conversation conversation, WorkflowRun? pendingRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (pendingRun is not null && (pendingRun.Workspace != conversation.Workspace || pendingRun.ConversationId != conversation.Id))
        {
            throw new InvalidRequestException(nameof(pendingRun), $"the run belongs to conversation {pendingRun.ConversationId} in workspace {pendingRun.Workspace}, not to the conversation opened");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            ThrowIfGivingUp(attempt);
            await using var command = new NpgsqlCommand(_sql.Open, connection);
            var parameters = command.Parameters;
            parameters.Text(conversation.Workspace.Value);
            parameters.Uuid(conversation.Id.Value);
            parameters.Text(conversation.Contact.Value);
            parameters.AddConversationState(conversation);
            parameters.BigInt(conversation.Version);
            parameters.AddTimers(conversation);
            parameters.Boolean(pendingRun is not null);
            if (pendingRun is null)
            {
                parameters.AddNoRunState();
                parameters.BigInt(0);
            }
            else
            {
                parameters.AddRunState(pendingRun);
                parameters.BigInt(pendingRun.Version);
            }

            var rows = new List<(bool Opened, Conversation Conversation)>(1);
            try
            {
                await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetBoolean(0), ConversationRows.ReadConversation(reader, 1)));
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == ConversationKey)
            {
                throw new InvalidRequestException(nameof(Conversation.Id), $"conversation {conversation.Id} already exists");
            }

            switch (rows.Count)
            {
                case 1:
                    return new OpenConversationResult(rows[0].Conversation, rows[0].Opened);
                case > 1:
                    throw SeveralOpen(conversation.Workspace, rows.Select(static r => r.Conversation.Id));
                default:
                    // The contact's open conversation was committed after this statement's snapshot: again, to read it.
                    continue;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<ConversationMessage> AppendOutboundAsync(ConversationMessage message, ConversationTimer? arm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Direction != MessageDirection.Outbound)
        {
            throw new InvalidRequestException(nameof(ConversationMessage.Direction), "AppendOutboundAsync records outbound messages; inbound ones go through AppendInboundAsync");
        }

        if (message.Content is null)
        {
            throw new InvalidRequestException(nameof(ConversationMessage.Content), "it is null");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.AppendOutbound, connection);
        var parameters = command.Parameters;
        parameters.Text(message.Workspace.Value);
        parameters.Uuid(message.ConversationId.Value);
        parameters.Uuid(message.Id.Value);
        parameters.SmallInt((short)message.Direction);
        parameters.Text(message.Channel.Value);
        parameters.NullableText(message.ExternalId);
        parameters.AddActor(message.Author);
        parameters.Text(message.Content);
        parameters.Timestamp(message.SentAt);
        parameters.Timestamp(message.RecordedAt);
        if (arm is null)
        {
            parameters.Null(NpgsqlTypes.NpgsqlDbType.Jsonb);
        }
        else
        {
            parameters.Jsonb(TimerJson.WriteEntry(arm));
        }

        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!reader.IsDBNull(1))
        {
            return ConversationRows.ReadMessage(reader, 1);
        }

        throw reader.GetBoolean(0)
            ? new ConversationClosedException(message.ConversationId, ConversationTrigger.AgentMessage)
            : new ConversationNotFoundException(message.Workspace, message.ConversationId);
    }

    /// <inheritdoc />
    public async ValueTask<Conversation> UpdateAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.Update, connection);
        var parameters = command.Parameters;
        parameters.Text(conversation.Workspace.Value);
        parameters.Uuid(conversation.Id.Value);
        parameters.BigInt(conversation.Version);
        parameters.AddConversationState(conversation);
        parameters.AddTimers(conversation);

        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetBoolean(0))
        {
            return ConversationRows.ReadConversation(reader, 1);
        }

        // Not updated: tell why from the row as the statement saw it, in the in-memory store's order of checks. A row
        // that looked current was changed by a concurrent writer, which is a conflict too.
        const int storedState = 1 + ConversationRows.ConversationColumnCount;
        if (reader.IsDBNull(storedState))
        {
            throw new ConversationNotFoundException(conversation.Workspace, conversation.Id);
        }

        if (reader.GetInt64(storedState + 1) == conversation.Version && (ConversationState)reader.GetInt16(storedState) == ConversationState.Closed)
        {
            throw new ConversationClosedException(conversation.Id);
        }

        throw new ConcurrencyConflictException(conversation.Id, conversation.Version);
    }

    /// <inheritdoc />
    public async ValueTask<Conversation?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.Find, connection);
        command.Parameters.Text(workspace.Value);
        command.Parameters.Uuid(conversationId.Value);
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ConversationRows.ReadConversation(reader, 0) : null;
    }

    /// <inheritdoc />
    public async ValueTask<Conversation?> FindOpenAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var open = await ReadConversationsAsync(connection, _sql.FindOpen, workspace, contact.Value, cancellationToken).ConfigureAwait(false);
        return open.Count switch
        {
            0 => null,
            1 => open[0],
            _ => throw SeveralOpen(workspace, open.Select(static c => c.Id)),
        };
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Conversation>> ListByContactAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadConversationsAsync(connection, _sql.ListByContact, workspace, contact.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ConversationMessage>> ListMessagesAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.ListMessages, connection);
        command.Parameters.Text(workspace.Value);
        command.Parameters.Uuid(conversationId.Value);
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var messages = new List<ConversationMessage>();
        var found = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found = true;
            if (!reader.IsDBNull(0))
            {
                messages.Add(ConversationRows.ReadMessage(reader, 0));
            }
        }

        return found ? messages : throw new ConversationNotFoundException(workspace, conversationId);
    }

    /// <inheritdoc />
    public async ValueTask<WorkflowRun?> FindWorkflowRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.FindRun, connection);
        command.Parameters.Text(workspace.Value);
        command.Parameters.Uuid(conversationId.Value);
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ConversationRows.ReadRun(reader, 0) : null;
    }

    /// <inheritdoc />
    public async ValueTask<WorkflowRun> UpdateWorkflowRunAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.UpdateRun, connection);
        var parameters = command.Parameters;
        parameters.Text(run.Workspace.Value);
        parameters.Uuid(run.ConversationId.Value);
        parameters.BigInt(run.Version);
        parameters.AddRunState(run);

        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!reader.IsDBNull(1))
        {
            return ConversationRows.ReadRun(reader, 1);
        }

        throw reader.GetBoolean(0)
            ? new ConcurrencyConflictException(run.ConversationId, run.Version)
            : new ConversationNotFoundException(run.Workspace, run.ConversationId);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WorkflowRun>> ListUnfinishedWorkflowRunsAsync(int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (maxCount <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.ListUnfinishedRuns, connection);
        command.Parameters.Integer(maxCount);
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var runs = new List<WorkflowRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(ConversationRows.ReadRun(reader, 0));
        }

        return runs;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Conversation>> ListQueuedAsync(WorkspaceId workspace, TeamId team, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (maxCount <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.ListQueued, connection);
        command.Parameters.Text(workspace.Value);
        command.Parameters.Text(team.Value);
        command.Parameters.Integer(maxCount);
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var queued = new List<Conversation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            queued.Add(ConversationRows.ReadConversation(reader, 0));
        }

        return queued;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<QueuedTeam>> ListQueuedTeamsAsync(QueuedTeam? after, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (maxCount <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(after is null ? _sql.ListQueuedTeamsFirst : _sql.ListQueuedTeamsAfter, connection);
        command.Parameters.Integer(maxCount);
        if (after is { } last)
        {
            command.Parameters.Text(last.Workspace.Value).Text(last.Team.Value ?? string.Empty);
        }

        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var teams = new List<QueuedTeam>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            teams.Add(new QueuedTeam(new WorkspaceId(reader.GetString(0)), new TeamId(reader.GetString(1))));
        }

        return teams;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Conversation>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.ClaimDue, connection);
        command.Parameters.Timestamp(now).Timestamp(now + lease).Integer(maxCount);

        // The claim is one statement: once it has run, its rows are read whatever the token says, so that a claim
        // taken is returned (an abandoned one would only wait out its lease).
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var claimed = new List<Conversation>();
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            claimed.Add(ConversationRows.ReadConversation(reader, 0));
        }

        return claimed;
    }

    /// <summary>
    /// Runs <paramref name="command"/> as a prepared statement. Npgsql keeps it prepared on the pooled physical
    /// connection, so only a connection's first use of a statement costs the extra round trip; later ones skip parsing
    /// and planning the CTEs.
    /// </summary>
    private static async ValueTask<NpgsqlDataReader> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
    }

    private static StoreCorruptionException SeveralOpen(WorkspaceId workspace, IEnumerable<ConversationId> open) =>
        new(workspace, [.. open], "a contact has more than one open conversation");

    /// <summary>One try of the inbound statement: the result, or <see langword="null"/> when it lost an opening race.</summary>
    private async ValueTask<InboundAppendResult?> TryAppendInboundAsync(NpgsqlConnection connection, InboundAppend append)
    {
        await using var command = new NpgsqlCommand(_sql.AppendInbound, connection);
        var parameters = command.Parameters;
        parameters.Text(append.Workspace.Value);
        parameters.Text(append.Contact.Value);
        parameters.Text(append.Channel.Value);
        parameters.Text(append.ExternalId);
        parameters.Text(append.Content);
        parameters.Timestamp(append.SentAt);
        parameters.Timestamp(append.ReceivedAt);
        parameters.Uuid(append.MessageId.Value);
        parameters.Uuid(append.NewConversationId.Value);
        parameters.SmallInt((short)append.NewConversationState);
        parameters.Boolean(append.StartsWorkflow);
        parameters.TextArray(TimerJson.Keys(append.CancelTimers));

        await using var reader = await ExecuteAsync(command, CancellationToken.None).ConfigureAwait(false);
        if (!await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }

        var outcome = (InboundAppendOutcome)reader.GetInt16(0);
        var message = ConversationRows.ReadMessage(reader, 2);
        return new InboundAppendResult(outcome, message, outcome == InboundAppendOutcome.Opened ? append.ToNewConversation() : null)
        {
            JoinedState = reader.IsDBNull(1) ? default : (ConversationState)reader.GetInt16(1),
        };
    }

    private static void ThrowIfGivingUp(int attempt)
    {
        if (attempt > MaxAttempts)
        {
            throw new InvalidOperationException(
                $"Gave up after {MaxAttempts} attempts: the contact's open conversation kept changing between this store's statements.");
        }
    }

    private async ValueTask ThrowIfSeveralOpenAsync(NpgsqlConnection connection, WorkspaceId workspace, ContactId contact)
    {
        var open = await ReadConversationsAsync(connection, _sql.FindOpen, workspace, contact.Value, CancellationToken.None).ConfigureAwait(false);
        if (open.Count > 1)
        {
            throw SeveralOpen(workspace, open.Select(static c => c.Id));
        }
    }

    private static async ValueTask<List<Conversation>> ReadConversationsAsync(
        NpgsqlConnection connection, string sql, WorkspaceId workspace, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Text(workspace.Value);
        command.Parameters.Text(key);
        await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var conversations = new List<Conversation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            conversations.Add(ConversationRows.ReadConversation(reader, 0));
        }

        return conversations;
    }
}
