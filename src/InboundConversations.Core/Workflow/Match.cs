using InboundConversations.Workflow.Internal;

namespace InboundConversations.Workflow;

/// <summary>
/// Builds the conditions of routing rules: <c>Match.Fact("intent").Is("billing")</c>,
/// <c>Match.ContactTag("vip")</c>, <c>Match.Channel.IsAnyOf("email")</c>, <c>Match.Where(context =&gt; …)</c>.
/// </summary>
/// <remarks>
/// Each condition carries a description built from its configuration, for logs and diagnostics. Arguments are
/// checked when given: a bad one throws <see cref="ArgumentException"/> while the workflow is configured.
/// </remarks>
public static class Match
{
    /// <summary>A fact written by an enricher (for example <see cref="WorkflowFacts.Intent"/>); absent until one writes it.</summary>
    /// <param name="key">The fact's key (ordinal, case-sensitive, as facts are stored).</param>
    /// <returns>The value, to test with <see cref="RoutingValue.Is"/>, <see cref="RoutingValue.Contains"/>, <see cref="RoutingValue.IsAnyOf"/> or <see cref="RoutingValue.Exists"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null, empty or white space.</exception>
    public static RoutingValue Fact(string key)
    {
        RequireKey(key, $"{nameof(Match)}.{nameof(Fact)}(key)", nameof(key));
        return new RoutingValue($"fact \"{key}\"", context => context.Facts.TryGetValue(key, out var value) ? value : null);
    }

    /// <summary>A field of the contact's profile (including fields enrichers stored in this run); absent when the contact has no such field.</summary>
    /// <param name="key">The field's key (ordinal, case-sensitive, as fields are stored).</param>
    /// <returns>The value, to test.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null, empty or white space.</exception>
    public static RoutingValue ContactField(string key)
    {
        RequireKey(key, $"{nameof(Match)}.{nameof(ContactField)}(key)", nameof(key));
        return new RoutingValue($"contact field \"{key}\"", context => context.Contact.Fields.TryGetValue(key, out var value) ? value : null);
    }

    /// <summary>The id of the channel the conversation opened on; always present.</summary>
    public static RoutingValue Channel { get; } = new("channel", context => context.Conversation.Channel.Value);

    /// <summary>Holds when the contact has the tag <paramref name="tag"/>, ignoring case (ordinal).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The condition. O(1) when the stored tag has the same case; O(number of tags) otherwise.</returns>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is null, empty or white space.</exception>
    public static RoutingCondition ContactTag(string tag)
    {
        RequireKey(tag, $"{nameof(Match)}.{nameof(ContactTag)}(tag)", nameof(tag));
        return new RoutingCondition(
            $"contact tag \"{tag}\"",
            context => context.Contact.Tags.Contains(tag) || context.Contact.Tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Holds when <paramref name="predicate"/> returns true: anything the other conditions cannot say (the first
    /// message, the conversation's source, several facts at once). A predicate that throws makes the router fail,
    /// and the workflow's default team applies.
    /// </summary>
    /// <param name="predicate">The test; keep it fast and free of I/O (use an enricher for lookups).</param>
    /// <param name="description">What it tests, for logs (default <c>custom condition</c>); never put message text or contact data in it.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public static RoutingCondition Where(Func<RoutingContext, bool> predicate, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);

        return new RoutingCondition(string.IsNullOrWhiteSpace(description) ? "custom condition" : description, predicate);
    }

    /// <summary>Holds when <paramref name="condition"/> does not (so <c>Not(Fact("intent").Exists())</c> holds when no intent was found).</summary>
    /// <param name="condition">The condition to negate.</param>
    /// <returns>The negated condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    public static RoutingCondition Not(RoutingCondition condition)
    {
        RoutingCondition.Require(condition, nameof(condition));
        return condition.Negated();
    }

    private static void RequireKey(string? key, string call, string paramName)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw SetupError.Invalid(call, $"the {paramName} is null, empty or white space", paramName);
        }
    }
}
