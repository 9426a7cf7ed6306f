using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using InboundConversations.Testing;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Conversations;

/// <summary>
/// Every test of the conversation store contract, against PostgreSQL: one database and one data source for the class
/// (<see cref="DatabasePerClass{TTests}"/>), and a schema of its own for each store. The samples' contact and external
/// ids are unique to each test instance (they no longer start again at <c>contact-1</c>), but
/// <see cref="IConversationStore.ListUnfinishedWorkflowRunsAsync"/> lists the whole store: a schema per store keeps
/// each test's list to the runs it wrote.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConversationStoreContractTests(PostgreSqlServer server) : ConversationStoreContract
{
    private string? _schema;

    private NpgsqlDataSource DataSource => DatabasePerClass<PostgreSqlConversationStoreContractTests>.Get(server, "conversations");

    /// <inheritdoc />
    protected override IConversationStore CreateStore()
    {
        _schema = DatabasePerClass<PostgreSqlConversationStoreContractTests>.NewSchema(server, "conversations", "conversations");
        return new PostgreSqlConversationStore(DataSource, new PostgreSqlOptions { Schema = _schema });
    }

    /// <summary>
    /// Inserts the row directly, past the store; false when the database refuses it: the unique partial index makes
    /// a second open conversation for one contact impossible.
    /// </summary>
    protected override async ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation)
    {
        try
        {
            await RawRows.InsertConversationAsync(DataSource, _schema!, conversation);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "conversations_one_open_per_contact")
        {
            return false;
        }
    }
}
