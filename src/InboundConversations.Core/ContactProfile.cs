using System.Collections.ObjectModel;

namespace InboundConversations;

/// <summary>What the library knows of a contact: the fields and tags that enrichment and the host wrote.</summary>
public sealed record ContactProfile
{
    /// <summary>The workspace the contact lives in.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The contact's id.</summary>
    public required ContactId Id { get; init; }

    /// <summary>Key/value fields (for example <c>tier = gold</c>, <c>language = es</c>); keys are ordinal, case-sensitive.</summary>
    /// <remarks>Empty unless set: one shared, read-only empty instance (a profile is read on every workflow step).</remarks>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Tags (for example <c>vip</c>); ordinal, case-sensitive.</summary>
    /// <remarks>Empty unless set: one shared, read-only empty instance.</remarks>
    public IReadOnlySet<string> Tags { get; init; } = ReadOnlySet<string>.Empty;

    /// <summary>A profile with no fields and no tags, for a contact the store has not seen.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="id">The contact.</param>
    /// <returns>The empty profile.</returns>
    public static ContactProfile Empty(WorkspaceId workspace, ContactId id) => new() { Workspace = workspace, Id = id };
}
