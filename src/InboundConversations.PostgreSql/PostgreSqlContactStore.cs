using InboundConversations.PostgreSql.Internal;
using InboundConversations.Storage;
using Npgsql;

namespace InboundConversations.PostgreSql;

/// <summary>
/// The <see cref="IContactStore"/> over PostgreSQL (table <c>contacts</c>), for several host processes sharing one
/// database. An update is one statement that merges fields and adds tags into the stored row under its lock, so
/// concurrent updates of one contact, from any process, all land. Every call is one round trip.
/// </summary>
public sealed class PostgreSqlContactStore : IContactStore
{
    private readonly PostgreSqlDatabase _database;
    private readonly ContactSql _sql;

    /// <summary>Creates the store over <paramref name="dataSource"/>; the schema is migrated (or checked) before the first call.</summary>
    /// <param name="dataSource">The database; the host owns and disposes it.</param>
    /// <param name="options">The schema and migration options; the defaults if <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="ArgumentException">The options name an invalid schema.</exception>
    public PostgreSqlContactStore(NpgsqlDataSource dataSource, PostgreSqlOptions? options = null)
        : this(new PostgreSqlDatabase(dataSource, options ?? new PostgreSqlOptions()))
    {
    }

    internal PostgreSqlContactStore(PostgreSqlDatabase database)
    {
        _database = database;
        _sql = new ContactSql(database.Schema);
    }

    /// <inheritdoc />
    public async ValueTask<ContactProfile> GetAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (contact.IsEmpty)
        {
            return ContactProfile.Empty(workspace, contact);
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.Get, connection);
        command.Parameters.Text(workspace.Value).Text(contact.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? ContactRow.Read(reader, workspace, contact)
            : ContactProfile.Empty(workspace, contact);
    }

    /// <inheritdoc />
    public async ValueTask<ContactProfile> UpdateAsync(ContactUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        RequireId.Present(update.Contact.IsEmpty, nameof(ContactId));
        cancellationToken.ThrowIfCancellationRequested();
        if (update.IsEmpty)
        {
            // Nothing to write: the profile as it is.
            return await GetAsync(update.Workspace, update.Contact, cancellationToken).ConfigureAwait(false);
        }

        var names = new string[update.SetFields.Count];
        var values = new string[names.Length];
        var i = 0;
        foreach (var (name, value) in update.SetFields)
        {
            names[i] = name;
            values[i++] = value;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_sql.Update, connection);
        command.Parameters.Text(update.Workspace.Value).Text(update.Contact.Value).TextArray(names).TextArray(values).TextArray([.. update.AddTags]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return ContactRow.Read(reader, update.Workspace, update.Contact);
    }
}
