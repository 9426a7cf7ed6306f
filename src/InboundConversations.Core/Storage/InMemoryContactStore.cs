using System.Collections.Concurrent;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Storage;

/// <summary>The shipped, thread-safe, in-process <see cref="IContactStore"/>.</summary>
public sealed class InMemoryContactStore : IContactStore
{
    private readonly ConcurrentDictionary<(WorkspaceId, ContactId), ContactProfile> _profiles = new();

    /// <inheritdoc />
    public ValueTask<ContactProfile> GetAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_profiles.TryGetValue((workspace, contact), out var profile) ? profile : ContactProfile.Empty(workspace, contact));
    }

    /// <inheritdoc />
    public ValueTask<ContactProfile> UpdateAsync(ContactUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        Identifier.Require(update.Contact.IsEmpty, nameof(ContactId));
        cancellationToken.ThrowIfCancellationRequested();
        var updated = _profiles.AddOrUpdate(
            (update.Workspace, update.Contact),
            static (key, change) => Apply(ContactProfile.Empty(key.Item1, key.Item2), change),
            static (_, current, change) => Apply(current, change),
            update);
        return ValueTask.FromResult(updated);
    }

    private static ContactProfile Apply(ContactProfile current, ContactUpdate update)
    {
        var fields = new Dictionary<string, string>(current.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in update.SetFields)
        {
            fields[key] = value;
        }

        var tags = new HashSet<string>(current.Tags, StringComparer.Ordinal);
        tags.UnionWith(update.AddTags);
        return current with { Fields = fields, Tags = tags };
    }
}
