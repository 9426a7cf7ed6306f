using Npgsql;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>Reads a contact's profile from the columns <see cref="ContactSql"/>'s statements return.</summary>
internal static class ContactRow
{
    public static ContactProfile Read(NpgsqlDataReader reader, WorkspaceId workspace, ContactId contact)
    {
        var names = reader.GetFieldValue<string[]>(0);
        var values = reader.GetFieldValue<string[]>(1);
        var tags = reader.GetFieldValue<string[]>(2);
        var profile = ContactProfile.Empty(workspace, contact);
        if (names.Length > 0)
        {
            var fields = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                fields[names[i]] = values[i];
            }

            profile = profile with { Fields = fields };
        }

        return tags.Length > 0 ? profile with { Tags = new HashSet<string>(tags, StringComparer.Ordinal) } : profile;
    }
}
