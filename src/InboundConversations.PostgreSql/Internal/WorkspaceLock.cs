using InboundConversations.Storage;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The key of the transaction-scoped advisory lock that serializes one workspace's reservations in one schema, as
/// <see cref="InMemoryAgentDirectory"/> takes one lock per workspace. A stable 64-bit FNV-1a hash of the schema
/// (with its length, so no schema and workspace pair reads as another) and the workspace: every process computes the
/// same key. Two workspaces whose keys collide only take turns.
/// </summary>
internal sealed class WorkspaceLock
{
    private readonly ulong _schemaHash;

    public WorkspaceLock(string schema)
    {
        var hash = StableHash.Append(StableHash.Empty, "InboundConversations.PostgreSql.Reservations:");
        hash = StableHash.Append(hash, schema.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _schemaHash = StableHash.Append(StableHash.Append(hash, ":"), schema);
    }

    /// <summary>The key of <paramref name="workspace"/>'s lock; allocates nothing.</summary>
    public long KeyOf(WorkspaceId workspace) => unchecked((long)StableHash.Append(_schemaHash, workspace.Value));
}
