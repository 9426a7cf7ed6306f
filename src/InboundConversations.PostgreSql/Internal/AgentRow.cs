using Npgsql;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>Reads an agent from the columns <see cref="AgentSql"/>'s statements return, in their order.</summary>
internal static class AgentRow
{
    public static Agent Read(NpgsqlDataReader reader, WorkspaceId workspace)
    {
        var teams = reader.GetFieldValue<string[]>(5);
        var teamIds = new TeamId[teams.Length];
        for (var i = 0; i < teams.Length; i++)
        {
            teamIds[i] = new TeamId(teams[i]);
        }

        return new Agent
        {
            Workspace = workspace,
            Id = new AgentId(reader.GetString(0)),
            Capacity = reader.GetInt32(1),
            Presence = (AgentPresence)reader.GetInt16(2),
            OpenConversations = reader.GetInt32(3),
            LastAssignedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            Teams = teamIds,
        };
    }
}
