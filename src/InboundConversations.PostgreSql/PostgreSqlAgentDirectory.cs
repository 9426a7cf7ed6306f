using InboundConversations.PostgreSql.Internal;
using InboundConversations.Storage;
using Npgsql;

namespace InboundConversations.PostgreSql;

/// <summary>
/// The <see cref="IAgentDirectory"/> over PostgreSQL (tables <c>agents</c>, <c>agent_teams</c>, <c>teams</c>,
/// <c>reservations</c>), for several host processes sharing one database: capacity is reserved under row locks, so no
/// agent ever exceeds it, whichever process reserves. Every call is one round trip (a reservation whose pick loses a
/// race with a release or a registration of that agent costs another).
/// </summary>
/// <remarks>
/// A reservation takes its workspace's transaction-scoped advisory lock, then picks and locks one agent: a workspace's
/// reservations take turns, as in <see cref="InMemoryAgentDirectory"/> (one lock per workspace), so the order
/// (round robin's cursor included) is exact and two reservations never wait for each other's agents; workspaces
/// reserve in parallel. Releases, presence and capacity changes lock one agent's row and do not wait for the
/// workspace's lock (a release locks the agent before their reservation row, the order reservations lock them in, so
/// it cannot deadlock with one); PostgreSQL re-checks an agent's load, capacity and presence when it grants a
/// reservation the agent's lock. A reservation is a row per (workspace, agent, conversation), and the agent's load
/// column is changed in the statement that inserts or deletes one, so it is always their count of rows.
/// Ids sort ordinally, as in the in-memory directory, whose semantics this directory keeps; reservations are listed
/// by workspace, agent (ordinal), then conversation id (as PostgreSQL orders uuids).
/// </remarks>
public sealed class PostgreSqlAgentDirectory : IAgentDirectory
{
    /// <summary>
    /// How many times a reservation runs again after its pick lost what made the agent eligible while it waited for
    /// them (the conversation's reservation that gave them room, or their membership of the team): each retry needs
    /// another such change to commit in that instant, so this is never reached in practice; it only guarantees the loop
    /// ends, with no agent reserved.
    /// </summary>
    private const int MaxReserveAttempts = 8;

    /// <summary>The column after the agent's in a reservation's row: whether the reservation was taken.</summary>
    private const int ReservedColumn = 6;

    private readonly PostgreSqlDatabase _database;
    private readonly AgentSql _sql;
    private readonly WorkspaceLock _workspaceLock;

    /// <summary>Creates the directory over <paramref name="dataSource"/>; the schema is migrated (or checked) before the first call.</summary>
    /// <param name="dataSource">The database; the host owns and disposes it.</param>
    /// <param name="options">The schema and migration options; the defaults if <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="ArgumentException">The options name an invalid schema.</exception>
    public PostgreSqlAgentDirectory(NpgsqlDataSource dataSource, PostgreSqlOptions? options = null)
        : this(new PostgreSqlDatabase(dataSource, options ?? new PostgreSqlOptions()))
    {
    }

    internal PostgreSqlAgentDirectory(PostgreSqlDatabase database)
    {
        _database = database;
        _sql = new AgentSql(database.Schema);
        _workspaceLock = new WorkspaceLock(database.Schema);
    }

    /// <inheritdoc />
    public async ValueTask<Agent> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        RequireId.Present(registration.Agent.IsEmpty, nameof(AgentId));
        if (registration.Teams is null || registration.Teams.Count == 0 || registration.Teams.Any(t => t.IsEmpty))
        {
            throw new InvalidRequestException(nameof(AgentRegistration.Teams), "an agent belongs to at least one team, and every team id is required");
        }

        RequireCapacity(registration.Capacity);
        RequirePresence(registration.InitialPresence, nameof(AgentRegistration.InitialPresence));
        cancellationToken.ThrowIfCancellationRequested();
        var teams = registration.Teams.Distinct().ToArray();
        var teamNames = Array.ConvertAll(teams, t => t.Value);
        var workspace = registration.Workspace.Value;
        var agent = registration.Agent.Value;

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(_sql.RegisterAgent, p => p.Text(workspace).Text(agent).Integer(registration.Capacity).SmallInt((short)registration.InitialPresence)));
        batch.BatchCommands.Add(Command(_sql.DropOtherTeams, p => p.Text(workspace).Text(agent).TextArray(teamNames)));
        batch.BatchCommands.Add(Command(_sql.AddTeams, p => p.Text(workspace).Text(agent).TextArray(teamNames)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var stored = new Agent
        {
            Workspace = registration.Workspace,
            Id = registration.Agent,
            Teams = teams,
            Capacity = registration.Capacity,
            Presence = (AgentPresence)reader.GetInt16(0),
            OpenConversations = reader.GetInt32(1),
            LastAssignedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
        };

        // The team statements' errors, if any, surface here; the batch is one transaction, so nothing is half-applied.
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        return stored;
    }

    /// <inheritdoc />
    public async ValueTask<Agent?> FindAsync(WorkspaceId workspace, AgentId agent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return agent.IsEmpty ? null : await QueryAgentAsync(_sql.Find, workspace, agent, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Agent>> ListTeamMembersAsync(WorkspaceId workspace, TeamId team, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (team.IsEmpty)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.ListTeam, connection);
        command.Parameters.Text(workspace.Value).Text(team.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var members = new List<Agent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(AgentRow.Read(reader, workspace));
        }

        return members;
    }

    /// <inheritdoc />
    public ValueTask<Agent> SetPresenceAsync(WorkspaceId workspace, AgentId agent, AgentPresence presence, CancellationToken cancellationToken)
    {
        RequirePresence(presence, nameof(presence));
        cancellationToken.ThrowIfCancellationRequested();
        return ChangeAsync(_sql.SetPresence, workspace, agent, p => p.SmallInt((short)presence), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Agent> SetCapacityAsync(WorkspaceId workspace, AgentId agent, int capacity, CancellationToken cancellationToken)
    {
        RequireCapacity(capacity);
        cancellationToken.ThrowIfCancellationRequested();
        return ChangeAsync(_sql.SetCapacity, workspace, agent, p => p.Integer(capacity), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Agent> ReleaseAsync(WorkspaceId workspace, AgentId agent, ConversationVersion conversation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ChangeAsync(_sql.Release, workspace, agent, p => p.Uuid(conversation.Conversation.Value).BigInt(conversation.Version), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<Agent?> ReserveAsync(
        WorkspaceId workspace, TeamId team, AgentSelection selection, ConversationVersion conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Default ids name nothing, so nothing is reserved for them (a row for the default conversation could not be read back).
        if (team.IsEmpty || conversation.Conversation.IsEmpty || (selection.Order == AgentOrder.Specific && selection.Agent.IsEmpty))
        {
            return null;
        }

        var (sql, specific) = selection.Order switch
        {
            AgentOrder.LeastOpen => (_sql.ReserveLeastOpen, false),
            AgentOrder.LongestIdle => (_sql.ReserveLongestIdle, false),
            AgentOrder.Specific => (_sql.ReserveSpecific, true),
            _ => (_sql.ReserveRoundRobin, false),
        };

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var (reserved, lost) = await TryReserveAsync(connection, sql, specific, workspace, team, selection, conversation, now, cancellationToken).ConfigureAwait(false);
            if (!lost || attempt == MaxReserveAttempts)
            {
                return reserved;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AgentReservation>> ListReservationsAsync(
        DateTimeOffset reservedBefore, AgentReservation? after, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (maxCount <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(after is null ? _sql.ListReservationsFirst : _sql.ListReservationsAfter, connection);
        command.Parameters.Timestamp(reservedBefore).Integer(maxCount);
        if (after is not null)
        {
            command.Parameters.Text(after.Workspace.Value).Text(after.Agent.Value ?? string.Empty).Uuid(after.Conversation.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reservations = new List<AgentReservation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reservations.Add(new AgentReservation(
                new WorkspaceId(reader.GetString(0)),
                new AgentId(reader.GetString(1)),
                new ConversationId(reader.GetGuid(2)),
                reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return reservations;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseStaleAsync(AgentReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        cancellationToken.ThrowIfCancellationRequested();
        if (reservation.Agent.IsEmpty)
        {
            return false;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.ReleaseStale, connection);
        command.Parameters.Text(reservation.Workspace.Value).Text(reservation.Agent.Value)
            .Uuid(reservation.Conversation.Value).Timestamp(reservation.ReservedAt);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void RequirePresence(AgentPresence presence, string name)
    {
        if (!Enum.IsDefined(presence))
        {
            throw new InvalidRequestException(name, $"{(int)presence} is not an AgentPresence");
        }
    }

    private static void RequireCapacity(int capacity)
    {
        if (capacity < 1)
        {
            throw new InvalidRequestException("Capacity", $"it is {capacity}; an agent's capacity is at least 1");
        }
    }

    private static NpgsqlBatchCommand Command(string sql, Action<NpgsqlParameterCollection> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        parameters(command.Parameters);
        return command;
    }

    /// <summary>
    /// One try of a reservation: the workspace's advisory lock and the pick, in one batch (one round trip, one
    /// transaction). Lost: while the pick waited for the agent, they gave the conversation's reservation back and have
    /// no room for it now, or left the team (see <see cref="AgentSql"/>); nothing was written.
    /// </summary>
    private async ValueTask<(Agent? Reserved, bool Lost)> TryReserveAsync(
        NpgsqlConnection connection, string sql, bool specific, WorkspaceId workspace, TeamId team, AgentSelection selection,
        ConversationVersion conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(_sql.LockWorkspace, p => p.BigInt(_workspaceLock.KeyOf(workspace))));
        batch.BatchCommands.Add(Command(sql, p =>
        {
            p.Text(workspace.Value).Text(team.Value).Boolean(selection.RequireOnline).Timestamp(now)
                .Uuid(conversation.Conversation.Value).BigInt(conversation.Version);
            if (specific)
            {
                p.Text(selection.Agent.Value);
            }
        }));

        // The reader starts at the lock's row (one void value), then moves to the reservation's.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, false);
        }

        return reader.GetBoolean(ReservedColumn) ? (AgentRow.Read(reader, workspace), false) : (null, true);
    }

    private async ValueTask<Agent> ChangeAsync(
        string sql, WorkspaceId workspace, AgentId agent, Action<NpgsqlParameterCollection>? value, CancellationToken cancellationToken)
    {
        RequireId.Present(agent.IsEmpty, nameof(AgentId));
        return await QueryAgentAsync(sql, workspace, agent, value, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentNotFoundException(workspace, agent);
    }

    private async ValueTask<Agent?> QueryAgentAsync(
        string sql, WorkspaceId workspace, AgentId agent, Action<NpgsqlParameterCollection>? value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Text(workspace.Value).Text(agent.Value);
        value?.Invoke(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AgentRow.Read(reader, workspace) : null;
    }
}
