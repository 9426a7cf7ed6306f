using System.Diagnostics.CodeAnalysis;
using InboundConversations.Workflow.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InboundConversations.Workflow;

/// <summary>
/// Configures the inbound workflow in one place: when it starts, how it enriches, routes and assigns. Handed to
/// <c>services.AddInboundConversations().AddInboundWorkflow(w =&gt; …)</c>.
/// </summary>
/// <remarks>
/// The builder says what the workflow does; its numbers and switches (step timeout, run lease, which openings start a
/// run) are <see cref="InboundWorkflowOptions"/>, bound from configuration. Defaults: no conditions, no enrichers,
/// least-open assignment of online agents (<see cref="AgentAssigners.LeastOpen"/>). A workflow must route somewhere:
/// give a router, a default team, or both; <c>AddInboundWorkflow</c> throws <see cref="ArgumentException"/> otherwise.
/// Every set-up mistake throws at the call that makes it: <see cref="ArgumentNullException"/> for a missing argument,
/// otherwise an <see cref="ArgumentException"/> whose message starts with <c>AddInboundWorkflow:</c> and names the call.
/// </remarks>
public sealed class InboundWorkflowBuilder
{
    /// <summary>How set-up errors name the call they come from.</summary>
    private const string Call = "AddInboundWorkflow";

    private readonly List<Func<TriggerContext, bool>> _conditions = [];
    private readonly List<Func<IServiceProvider, IConversationEnricher>> _enrichers = [];
    private Func<IServiceProvider, IConversationRouter>? _router;
    private Func<IServiceProvider, IAgentAssigner> _assigner = static _ => DefaultAssigner();
    private TeamId? _defaultTeam;
    private readonly QueueTimeouts _queueTimeouts = new();

    internal InboundWorkflowBuilder(IServiceCollection services) => Services = services;

    /// <summary>The assigner when none is given, with or without a workflow: least open among online agents.</summary>
    internal static IAgentAssigner DefaultAssigner() => AgentAssigners.LeastOpen();

    /// <summary>The host's services, for extension methods that register their own.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a trigger condition; all conditions must hold for the workflow to run (checked when it starts).</summary>
    /// <param name="condition">A predicate over the conversation, its first message and the contact.</param>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder When(Func<TriggerContext, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        _conditions.Add(condition);
        return this;
    }

    /// <summary>Runs only for conversations on one of these channels.</summary>
    /// <param name="channels">The channel ids.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A channel id is not valid.</exception>
    public InboundWorkflowBuilder WhenChannel(params string[] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var allowed = channels.Select(c => SetupError.Channel(c, $"{Call}: {nameof(WhenChannel)}(channels)", nameof(channels))).ToHashSet();
        return When(context => allowed.Contains(context.Conversation.Channel));
    }

    /// <summary>Runs only when the contact's field <paramref name="key"/> equals <paramref name="value"/> (ordinal, ignoring case).</summary>
    /// <param name="key">The field's key.</param>
    /// <param name="value">The value it must have.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public InboundWorkflowBuilder WhenContactField(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Length == 0)
        {
            throw SetupError.Invalid($"{Call}: {nameof(WhenContactField)}(key, value)", "the key is empty", nameof(key));
        }

        return When(context => context.Contact.Fields.TryGetValue(key, out var actual) && string.Equals(actual, value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Runs only when the contact has the tag <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty.</exception>
    public InboundWorkflowBuilder WhenContactTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length == 0)
        {
            throw SetupError.Invalid($"{Call}: {nameof(WhenContactTag)}(tag)", "the tag is empty", nameof(tag));
        }

        return When(context => context.Contact.Tags.Contains(tag));
    }

    /// <summary>Adds an enricher resolved from the host's services (registered as a singleton if it is not already).</summary>
    /// <typeparam name="TEnricher">The enricher type.</typeparam>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder Enrich<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TEnricher>()
        where TEnricher : class, IConversationEnricher
    {
        Services.TryAddSingleton<TEnricher>();
        _enrichers.Add(static sp => sp.GetRequiredService<TEnricher>());
        return this;
    }

    /// <summary>Adds an enricher instance.</summary>
    /// <param name="enricher">The enricher.</param>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder Enrich(IConversationEnricher enricher)
    {
        ArgumentNullException.ThrowIfNull(enricher);
        _enrichers.Add(_ => enricher);
        return this;
    }

    /// <summary>Routes with a router resolved from the host's services (registered as a singleton if it is not already).</summary>
    /// <typeparam name="TRouter">The router type.</typeparam>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder RouteBy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRouter>()
        where TRouter : class, IConversationRouter
    {
        Services.TryAddSingleton<TRouter>();
        _router = static sp => sp.GetRequiredService<TRouter>();
        return this;
    }

    /// <summary>Routes with a router instance.</summary>
    /// <param name="router">The router.</param>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder RouteBy(IConversationRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        _router = _ => router;
        return this;
    }

    /// <summary>The team for conversations the router does not place (no match, failure or timeout).</summary>
    /// <param name="team">The team's id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="team"/> is not a valid team id.</exception>
    public InboundWorkflowBuilder DefaultTeam(string team)
    {
        _defaultTeam = SetupError.Team(team, $"{Call}: {nameof(DefaultTeam)}(team)", nameof(team));
        return this;
    }

    /// <summary>Assigns with an assigner instance, for example <see cref="AgentAssigners.RoundRobin"/>.</summary>
    /// <param name="assigner">The assigner.</param>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder AssignBy(IAgentAssigner assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        _assigner = _ => assigner;
        return this;
    }

    /// <summary>Assigns with an assigner resolved from the host's services (registered as a singleton if it is not already).</summary>
    /// <typeparam name="TAssigner">The assigner type.</typeparam>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder AssignBy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAssigner>()
        where TAssigner : class, IAgentAssigner
    {
        Services.TryAddSingleton<TAssigner>();
        _assigner = static sp => sp.GetRequiredService<TAssigner>();
        return this;
    }

    /// <summary>
    /// A queue timeout for every team without its own (respond.io's <i>Assign To</i> timeout branch): a conversation
    /// that waited in a team's queue for <paramref name="after"/> is handed to <paramref name="then"/>. A conversation
    /// assigned before then is untouched. It does not apply to the team it transfers to; give that team its own.
    /// </summary>
    /// <param name="after">How long a conversation may wait in the queue: above zero, at most 7 days.</param>
    /// <param name="then">The fallback: <see cref="QueueTimeoutFallback.TransferTo"/>, <see cref="QueueTimeoutFallback.Unassign"/>,
    /// <see cref="QueueTimeoutFallback.Close"/> or <see cref="QueueTimeoutFallback.NotifyOnly"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="after"/> is not above zero or longer than 7 days.</exception>
    public InboundWorkflowBuilder QueueTimeout(TimeSpan after, QueueTimeoutFallback then)
    {
        _queueTimeouts.Set(null, after, then, $"{Call}: {nameof(QueueTimeout)}(after, then)");
        return this;
    }

    /// <summary>
    /// The queue timeout of <paramref name="team"/>, instead of the workflow-wide one: a conversation that waited in that
    /// team's queue for <paramref name="after"/> is handed to <paramref name="then"/>.
    /// </summary>
    /// <param name="team">The team's id.</param>
    /// <param name="after">How long a conversation may wait in the queue: above zero, at most 7 days.</param>
    /// <param name="then">The fallback.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="team"/> is not a valid team id, <paramref name="after"/> is not above zero or longer than 7 days,
    /// or <paramref name="then"/> transfers to <paramref name="team"/> itself.
    /// </exception>
    public InboundWorkflowBuilder QueueTimeout(string team, TimeSpan after, QueueTimeoutFallback then)
    {
        var call = $"{Call}: {nameof(QueueTimeout)}(team, after, then)";
        _queueTimeouts.Set(SetupError.Team(team, call, nameof(team)), after, then, call);
        return this;
    }

    /// <summary>Checks, once the host's configure callback returned, what can only be judged as a whole.</summary>
    /// <exception cref="ArgumentException">The workflow routes nowhere.</exception>
    internal void Validate(string paramName)
    {
        if (_router is null && _defaultTeam is null)
        {
            throw SetupError.Invalid(Call, "the inbound workflow routes nowhere: call RouteBy(…) or RouteByRules(…), DefaultTeam(…), or both", paramName);
        }
    }

    /// <summary>Resolves the steps from the host's services and takes the numbers from the validated options.</summary>
    /// <exception cref="InvalidOperationException">Two enrichers have the same name (known only once they are resolved).</exception>
    internal InboundWorkflowDefinition Build(IServiceProvider services, InboundWorkflowOptions options)
    {
        var enrichers = _enrichers.Select(create => create(services)).ToArray();
        var repeated = enrichers.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException(
                $"{Call}: two enrichers are named '{repeated.Key}' ({string.Join(", ", repeated.Select(e => e.GetType().Name))}); a run records and resumes steps by name, so names must differ.");
        }

        return new InboundWorkflowDefinition(
            options.StartingSources,
            _conditions.ToArray(),
            enrichers,
            _router?.Invoke(services),
            _defaultTeam,
            _assigner(services),
            options.RunLease,
            _queueTimeouts);
    }
}
