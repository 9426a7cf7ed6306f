namespace InboundConversations.Storage;

/// <summary>Changes to a contact's fields and tags, applied atomically by <see cref="IContactStore.UpdateAsync"/>.</summary>
public sealed record ContactUpdate
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The contact.</summary>
    public required ContactId Contact { get; init; }

    /// <summary>Fields to set (added or overwritten).</summary>
    public IReadOnlyDictionary<string, string> SetFields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Tags to add.</summary>
    public IReadOnlyCollection<string> AddTags { get; init; } = [];

    /// <summary>True if the update changes nothing.</summary>
    public bool IsEmpty => SetFields.Count == 0 && AddTags.Count == 0;
}
