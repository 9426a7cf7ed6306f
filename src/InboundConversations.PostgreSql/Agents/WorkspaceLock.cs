namespace InboundConversations.Storage.PostgreSql;

/// <summary>
/// The key of the transaction-scoped advisory lock that serializes one workspace's reservations in one schema, as
/// <see cref="InMemory.InMemoryAgentDirectory"/> takes one lock per workspace. A stable 64-bit FNV-1a hash of the schema
/// (with its length, so no schema and workspace pair reads as another) and the workspace: every process computes the
/// same key. Two workspaces whose keys collide only take turns.
/// </summary>
internal sealed class WorkspaceLock
{
    private const ulong Prime = 1099511628211;
    private readonly ulong _schemaHash;

    public WorkspaceLock(string schema)
    {
        var hash = Append(14695981039346656037, "InboundConversations.PostgreSql.Reservations:");
        hash = Append(hash, schema.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _schemaHash = Append(Append(hash, ":"), schema);
    }

    /// <summary>The key of <paramref name="workspace"/>'s lock; allocates nothing.</summary>
    public long KeyOf(WorkspaceId workspace) => unchecked((long)Append(_schemaHash, workspace.Value));

    private static ulong Append(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }
}
