namespace InboundConversations.Storage;

/// <summary>
/// Contacts' fields and tags, which enrichment reads and writes and routing rules match on. The library ships
/// <see cref="InMemoryContactStore"/>. Implementations are thread-safe and key everything by workspace.
/// </summary>
public interface IContactStore
{
    /// <summary>Reads a contact's profile.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="contact">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile; an empty one for a contact never written.</returns>
    ValueTask<ContactProfile> GetAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken);

    /// <summary>Sets fields and adds tags, atomically; other fields and tags are kept.</summary>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile after the change.</returns>
    ValueTask<ContactProfile> UpdateAsync(ContactUpdate update, CancellationToken cancellationToken);
}
