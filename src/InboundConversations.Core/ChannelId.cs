using InboundConversations.Internal.Domain;

namespace InboundConversations;

/// <summary>Names a channel a message travels on (for example <c>whatsapp</c>, <c>email</c>, <c>webchat</c>).</summary>
/// <remarks>
/// A valid value is 1 to 256 characters, not white space only, with no control characters;
/// anything else throws <see cref="InvalidIdentifierException"/> from the constructor. Comparison is ordinal.
/// The <c>default</c> value is empty and is rejected wherever an id is required.
/// </remarks>
public readonly record struct ChannelId
{
    /// <summary>Creates the id, validating it.</summary>
    /// <param name="value">The id's text, as the host knows it.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="value"/> is null, empty, white space, too long or has a control character.</exception>
    public ChannelId(string value) => Value = Identifier.Validate(value, nameof(ChannelId));

    /// <summary>The id's text; <see langword="null"/> only for the <c>default</c> value.</summary>
    public string Value { get; }

    /// <summary>True for the <c>default</c> value, which names nothing.</summary>
    public bool IsEmpty => Value is null;

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
