using InboundConversations.Storage;
using InboundConversations.Testing.Internal;

namespace InboundConversations.Testing;

/// <summary>
/// An <see cref="IContactStore"/> around a host's own that injects the faults a <see cref="FaultPlan"/> decides.
/// <see cref="UpdateAsync"/> (enrichment writing fields and tags) gets faults by default; <see cref="GetAsync"/> only
/// if the plan says so.
/// </summary>
/// <param name="inner">The store that keeps the data; check the invariants against it.</param>
/// <param name="plan">What to inject.</param>
public sealed class FaultInjectingContactStore(IContactStore inner, FaultPlan plan) : IContactStore
{
    private const string Port = nameof(IContactStore);
    private readonly IContactStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly FaultPlan _plan = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>The wrapped store.</summary>
    public IContactStore Inner => _inner;

    /// <summary>The plan deciding the faults.</summary>
    public FaultPlan Plan => _plan;

    /// <inheritdoc />
    public ValueTask<ContactProfile> GetAsync(WorkspaceId workspace, ContactId contact, CancellationToken cancellationToken) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, nameof(GetAsync), IsWrite: false), () => _inner.GetAsync(workspace, contact, cancellationToken));

    /// <inheritdoc />
    public ValueTask<ContactProfile> UpdateAsync(ContactUpdate update, CancellationToken cancellationToken) =>
        FaultInjection.InvokeAsync(_plan, new FaultCall(Port, nameof(UpdateAsync), IsWrite: true), () => _inner.UpdateAsync(update, cancellationToken));
}
