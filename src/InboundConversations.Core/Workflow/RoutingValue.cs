using InboundConversations.Workflow.Internal;

namespace InboundConversations.Workflow;

/// <summary>
/// A text a routing condition reads from the conversation (a fact, a contact field, the channel), and the tests
/// that turn it into a <see cref="RoutingCondition"/>. Made by <see cref="Match"/>.
/// </summary>
/// <remarks>
/// Every comparison is ordinal and ignores case. When the value is absent (no such fact or field) no test holds,
/// not even <see cref="Contains"/>; negate with <see cref="Match.Not"/> to match absence. Test values are checked
/// when given: null or empty ones throw <see cref="ArgumentException"/> at configuration time.
/// </remarks>
public sealed class RoutingValue
{
    private readonly string _subject;
    private readonly Func<RoutingContext, string?> _read;

    internal RoutingValue(string subject, Func<RoutingContext, string?> read)
    {
        _subject = subject;
        _read = read;
    }

    /// <summary>Holds when the value equals <paramref name="value"/>, ignoring case (ordinal).</summary>
    /// <param name="value">The expected value.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public RoutingCondition Is(string value)
    {
        Require(value, nameof(Is), nameof(value));
        return new RoutingCondition($"{_subject} is \"{value}\"", context => string.Equals(_read(context), value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Holds when the value contains <paramref name="text"/>, ignoring case (ordinal). O(length of the value).</summary>
    /// <param name="text">The text to find.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null or empty.</exception>
    public RoutingCondition Contains(string text)
    {
        Require(text, nameof(Contains), nameof(text));
        return new RoutingCondition(
            $"{_subject} contains \"{text}\"",
            context => _read(context)?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>Holds when the value equals one of <paramref name="values"/>, ignoring case (ordinal). O(1): a hash set.</summary>
    /// <param name="values">The accepted values.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">No value is given, or one is null or empty.</exception>
    public RoutingCondition IsAnyOf(params string[] values)
    {
        if (values is null || values.Length == 0)
        {
            throw SetupError.Invalid(Call(nameof(IsAnyOf), nameof(values)), "it needs at least one value", nameof(values));
        }

        foreach (var value in values)
        {
            Require(value, nameof(IsAnyOf), nameof(values));
        }

        var accepted = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new RoutingCondition(
            $"{_subject} is any of [{string.Join(", ", values.Select(v => $"\"{v}\""))}]",
            context => _read(context) is { } actual && accepted.Contains(actual));
    }

    /// <summary>Holds when the value is present (the fact was written, the contact has the field).</summary>
    /// <returns>The condition.</returns>
    public RoutingCondition Exists() => new($"{_subject} exists", context => _read(context) is not null);

    /// <inheritdoc />
    public override string ToString() => _subject;

    private void Require(string? value, string method, string paramName)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw SetupError.Invalid(Call(method, paramName), "a value to compare with is null or empty", paramName);
        }
    }

    /// <summary>How a set-up error names the call, for example <c>Match: fact "intent".Is(value)</c>.</summary>
    private string Call(string method, string paramName) => $"{nameof(Match)}: {_subject}.{method}({paramName})";
}
