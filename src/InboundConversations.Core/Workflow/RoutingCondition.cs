namespace InboundConversations.Workflow;

/// <summary>
/// A test of a conversation a routing rule applies to, with a readable description for logs and diagnostics. Made
/// by <see cref="Match"/>; combined with <see cref="And"/>, <see cref="Or"/> and <see cref="Match.Not"/>.
/// </summary>
/// <remarks>Immutable and safe to share between concurrent runs, provided the predicates given to <see cref="Match.Where"/> are.</remarks>
public sealed class RoutingCondition
{
    private readonly Func<RoutingContext, bool> _predicate;
    private readonly bool _compound;

    internal RoutingCondition(string description, Func<RoutingContext, bool> predicate, bool compound = false)
    {
        Description = description;
        _predicate = predicate;
        _compound = compound;
    }

    /// <summary>
    /// What the condition tests, for example <c>fact "intent" is "billing"</c>. Built from the configuration only:
    /// it never contains message text or contact data.
    /// </summary>
    public string Description { get; }

    /// <summary>Tests the conversation.</summary>
    /// <param name="context">The conversation, its first message, the contact and the facts.</param>
    /// <returns>True when the condition holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public bool IsMatch(RoutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _predicate(context);
    }

    /// <summary>A condition that holds when this one and <paramref name="other"/> both do (<paramref name="other"/> is tested only if this one holds).</summary>
    /// <param name="other">The other condition.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public RoutingCondition And(RoutingCondition other)
    {
        Require(other, nameof(other));
        return new RoutingCondition($"{Grouped} and {other.Grouped}", context => _predicate(context) && other._predicate(context), compound: true);
    }

    /// <summary>A condition that holds when this one or <paramref name="other"/> does (<paramref name="other"/> is tested only if this one does not hold).</summary>
    /// <param name="other">The other condition.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public RoutingCondition Or(RoutingCondition other)
    {
        Require(other, nameof(other));
        return new RoutingCondition($"{Grouped} or {other.Grouped}", context => _predicate(context) || other._predicate(context), compound: true);
    }

    /// <summary>The condition's <see cref="Description"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Description;

    internal RoutingCondition Negated() => new($"not {Grouped}", context => !_predicate(context));

    internal static void Require(RoutingCondition? condition, string paramName)
    {
        if (condition is null)
        {
            throw new ArgumentNullException(paramName, "A routing condition is null.");
        }
    }

    private string Grouped => _compound ? $"({Description})" : Description;
}
