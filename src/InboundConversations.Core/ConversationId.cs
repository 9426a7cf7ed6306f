using InboundConversations.Internal.Domain;

namespace InboundConversations;

/// <summary>Names one conversation: one interaction with a contact from its opening to its closing.</summary>
/// <remarks>The library creates these (time-ordered version 7 GUIDs); <see cref="Guid.Empty"/> is never a valid id.</remarks>
public readonly record struct ConversationId
{
    /// <summary>Wraps an existing id, for example one read back from the host's store.</summary>
    /// <param name="value">A non-empty GUID.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="value"/> is <see cref="Guid.Empty"/>.</exception>
    public ConversationId(Guid value)
    {
        if (value == Guid.Empty)
        {
            throw new InvalidIdentifierException(nameof(ConversationId), "it is the empty GUID");
        }

        Value = value;
    }

    /// <summary>The id's GUID; <see cref="Guid.Empty"/> only for the <c>default</c> value.</summary>
    public Guid Value { get; }

    /// <summary>True for the <c>default</c> value, which names nothing.</summary>
    public bool IsEmpty => Value == Guid.Empty;

    /// <summary>Creates a new, time-ordered id.</summary>
    /// <param name="now">The time the id is created at (from the library's <see cref="TimeProvider"/>).</param>
    public static ConversationId New(DateTimeOffset now) => new(TimeOrderedGuid.New(now));

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text">A GUID in any format <see cref="Guid.Parse(string)"/> accepts.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="text"/> is not a non-empty GUID.</exception>
    public static ConversationId Parse(string text) =>
        Guid.TryParse(text, out var value) ? new ConversationId(value) : throw new InvalidIdentifierException(nameof(ConversationId), "it is not a GUID");

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
