using InboundConversations.Internal.Domain;

namespace InboundConversations;

/// <summary>Who did something to a conversation: opened it, wrote in it or closed it.</summary>
/// <remarks>Create one with <see cref="Agent"/>, <see cref="Api"/>, <see cref="Workflow"/>, <see cref="System"/> or <see cref="Contact"/>.</remarks>
public readonly record struct Actor
{
    private Actor(ActorKind kind, string? id)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>The kind of actor; <see cref="ActorKind.None"/> for the <c>default</c> value.</summary>
    public ActorKind Kind { get; }

    /// <summary>
    /// The actor's id within its kind: the agent's or contact's id, or the API client's or workflow's name if one
    /// was given; <see langword="null"/> otherwise.
    /// </summary>
    public string? Id { get; }

    /// <summary>The agent <paramref name="agent"/>.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="agent"/> is the empty default.</exception>
    public static Actor Agent(AgentId agent)
    {
        Identifier.Require(agent.IsEmpty, nameof(AgentId));
        return new Actor(ActorKind.Agent, agent.Value);
    }

    /// <summary>The contact <paramref name="contact"/>.</summary>
    /// <param name="contact">The contact's id.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="contact"/> is the empty default.</exception>
    public static Actor Contact(ContactId contact)
    {
        Identifier.Require(contact.IsEmpty, nameof(ContactId));
        return new Actor(ActorKind.Contact, contact.Value);
    }

    /// <summary>The host's API, optionally naming the client that called it.</summary>
    /// <param name="client">The API client's name, or <see langword="null"/>.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="client"/> is given but breaks the identifier rules.</exception>
    public static Actor Api(string? client = null) =>
        new(ActorKind.Api, client is null ? null : Identifier.Validate(client, "ApiClient"));

    /// <summary>An automated workflow, optionally naming it.</summary>
    /// <param name="name">The workflow's name, or <see langword="null"/>.</param>
    /// <exception cref="InvalidIdentifierException"><paramref name="name"/> is given but breaks the identifier rules.</exception>
    public static Actor Workflow(string? name = null) =>
        new(ActorKind.Workflow, name is null ? null : Identifier.Validate(name, "WorkflowName"));

    /// <summary>The library itself acting on a timer (an auto-close, a queue timeout), optionally naming the rule.</summary>
    /// <param name="rule">The rule that acted, for example <c>auto-close</c>; <see langword="null"/> for none.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="InvalidIdentifierException"><paramref name="rule"/> is empty, too long or has control characters.</exception>
    public static Actor System(string? rule = null) =>
        new(ActorKind.System, rule is null ? null : Identifier.Validate(rule, "SystemRule"));

    /// <inheritdoc />
    public override string ToString() => Id is null ? Kind.ToString() : $"{Kind}:{Id}";
}
