namespace InboundConversations.Internal.Changes;

/// <summary>
/// A fixed set of <see cref="ContactGate"/>s, striped by (workspace, contact). Work for one contact is
/// serialized in this process; different contacts proceed in parallel unless they share a stripe. Memory stays
/// bounded whatever the number of contacts. The store's atomic open remains the final word across processes.
/// </summary>
internal sealed class ContactGates
{
    private const int StripeCount = 1024;
    private readonly ContactGate[] _gates = new ContactGate[StripeCount];

    public ContactGates()
    {
        for (var i = 0; i < _gates.Length; i++)
        {
            _gates[i] = new ContactGate();
        }
    }

    public ContactGate For(WorkspaceId workspace, ContactId contact) =>
        _gates[HashCode.Combine(workspace, contact) & (StripeCount - 1)];
}
