// The README's "Writing a storage adapter" example, compiled and run. From "README: begin" to "README: end" this file
// is the README's code block, line for line, except the lines that end in "// not in the README" (a test in
// InboundConversations.Core.Tests compares them). The adapter is the PostgreSQL one, under the names the README
// gives an adapter of the reader's own (the aliases below); TestDatabase is the fixture the README leaves to the reader.
#pragma warning disable IDE0005 // The README's using lines are those a project of the reader's needs; some are redundant here.
using SqlAgentDirectory = InboundConversations.PostgreSql.PostgreSqlAgentDirectory;
using SqlContactStore = InboundConversations.PostgreSql.PostgreSqlContactStore;
using SqlConversationStore = InboundConversations.PostgreSql.PostgreSqlConversationStore;

// README: begin
using System.Reflection;
using InboundConversations;
using InboundConversations.Storage;
using InboundConversations.Testing;
using Npgsql;
using Xunit;

namespace InboundConversations.PostgreSql.Tests.Documentation; // not in the README

[Collection(nameof(TestDatabase))]
public sealed class SqlConversationStoreTests(TestDatabase database) : ConversationStoreContract
{
    protected override IConversationStore CreateStore() => new SqlConversationStore(database.DataSource);

    // Write the row as it is, past the store's checks (a plain INSERT): the corruption test writes two open
    // conversations of one contact this way and expects the store to report them. Return false only when the
    // database itself refuses the row (a unique index on a contact's open conversation).
    protected override async ValueTask<bool> TryWriteUncheckedAsync(IConversationStore store, Conversation conversation)
    {
        try
        {
            await database.InsertConversationRowAsync(conversation);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }
}

[Collection(nameof(TestDatabase))]
public sealed class SqlAgentDirectoryTests(TestDatabase database) : AgentDirectoryContract
{
    protected override IAgentDirectory CreateDirectory() => new SqlAgentDirectory(database.DataSource);
}

[Collection(nameof(TestDatabase))]
public sealed class SqlContactStoreTests(TestDatabase database) : ContactStoreContract
{
    protected override IContactStore CreateStore() => new SqlContactStore(database.DataSource);
}

// Fails, naming the suite, when a port that your adapter implements has no test class above.
public sealed class SqlStorageContractCoverage : StorageContractCoverage
{
    protected override Assembly AdapterAssembly => typeof(SqlConversationStore).Assembly;
}
// README: end
