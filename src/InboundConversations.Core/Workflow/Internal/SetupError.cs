using InboundConversations.Internal.Domain;

namespace InboundConversations.Workflow.Internal;

/// <summary>
/// A mistake in how the workflow is configured: an <see cref="ArgumentException"/> whose message starts with the call
/// that made it (<c>AddInboundWorkflow: DefaultTeam(team): …</c>), thrown at that call, as .NET hosts expect.
/// </summary>
internal static class SetupError
{
    public static ArgumentException Invalid(string call, string reason, string paramName) => new($"{call}: {reason}.", paramName);

    /// <summary>The team id, or an <see cref="ArgumentException"/> naming <paramref name="call"/> when it is not a valid one.</summary>
    public static TeamId Team(string? value, string call, string paramName) =>
        Identifier.Problem(value) is { } problem
            ? throw Invalid(call, $"the {nameof(TeamId)} is not valid: {problem}", paramName)
            : new TeamId(value!);

    /// <summary>The channel id, or an <see cref="ArgumentException"/> naming <paramref name="call"/> when it is not a valid one.</summary>
    public static ChannelId Channel(string? value, string call, string paramName) =>
        Identifier.Problem(value) is { } problem
            ? throw Invalid(call, $"the {nameof(ChannelId)} is not valid: {problem}", paramName)
            : new ChannelId(value!);
}
