using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Infrastructure;

/// <summary>Writes rows past the adapter, as something else writing to the database would: for the corruption tests.</summary>
internal static class RawRows
{
    /// <summary>Inserts <paramref name="conversation"/>'s row into <paramref name="schema"/> as it is, with no check of the adapter's.</summary>
    public static async Task InsertConversationAsync(NpgsqlDataSource dataSource, string schema, Conversation conversation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            insert into "{schema}".conversations
                (workspace, id, contact, channel, source, opened_by_kind, opened_by_id, opened_at, state, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        command.Parameters.AddWithValue(conversation.Workspace.Value);
        command.Parameters.AddWithValue(conversation.Id.Value);
        command.Parameters.AddWithValue(conversation.Contact.Value);
        command.Parameters.AddWithValue(conversation.Channel.Value);
        command.Parameters.AddWithValue((short)conversation.Source);
        command.Parameters.AddWithValue((short)conversation.OpenedBy.Kind);
        command.Parameters.AddWithValue((object?)conversation.OpenedBy.Id ?? DBNull.Value);
        command.Parameters.AddWithValue(conversation.OpenedAt.ToUniversalTime());
        command.Parameters.AddWithValue((short)conversation.State);
        command.Parameters.AddWithValue(conversation.Version);
        await command.ExecuteNonQueryAsync();
    }
}
