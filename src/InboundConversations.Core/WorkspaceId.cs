using InboundConversations.Internal.Domain;

namespace InboundConversations;

/// <summary>
/// Names a workspace: one business's inbox (the tenant). Every id lives inside a workspace, and the same
/// contact id in two workspaces names two independent contacts.
/// </summary>
/// <remarks>
/// The <c>default</c> value is the <see cref="Default"/> workspace, so a host with one business never names
/// one: <c>new WorkspaceId("default")</c> equals <c>default(WorkspaceId)</c>. Other values follow the
/// identifier rules (1 to 256 characters, not white space, no control characters).
/// </remarks>
public readonly record struct WorkspaceId
{
    private const string DefaultValue = "default";
    private readonly string? _value;

    /// <summary>Creates the id, validating it.</summary>
    /// <param name="value">The workspace's name.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="value"/> breaks the identifier rules.</exception>
    public WorkspaceId(string value)
    {
        var valid = Identifier.Validate(value, nameof(WorkspaceId));
        _value = valid == DefaultValue ? null : valid;
    }

    /// <summary>The workspace a single-business host uses without naming it; equal to <c>default(WorkspaceId)</c>.</summary>
    public static WorkspaceId Default => default;

    /// <summary>The workspace's name; <c>"default"</c> for <see cref="Default"/>.</summary>
    public string Value => _value ?? DefaultValue;

    /// <inheritdoc />
    public override string ToString() => Value;
}
