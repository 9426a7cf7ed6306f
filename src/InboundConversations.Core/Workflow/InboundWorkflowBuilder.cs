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
/// Defaults: starts for conversations opened by a contact (<see cref="ConversationSource.Contact"/>), no enrichers,
/// least-open assignment of online agents, a 5-second timeout per step, a 1-minute run lease. A workflow must route somewhere: give a
/// router, a default team, or both; the host fails at start otherwise.
/// </remarks>
public sealed class InboundWorkflowBuilder
{
    private readonly List<Func<TriggerContext, bool>> _conditions = [];
    private readonly List<Func<IServiceProvider, IConversationEnricher>> _enrichers = [];
    private HashSet<ConversationSource> _sources = [ConversationSource.Contact];
    private Func<IServiceProvider, IConversationRouter>? _router;
    private Func<IServiceProvider, IAgentAssigner> _assigner = static _ => AgentAssigners.LeastOpen();
    private TeamId? _defaultTeam;
    private TimeSpan _stepTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _runLease = TimeSpan.FromMinutes(1);

    internal InboundWorkflowBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services, for extension methods that register their own.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Starts the workflow for conversations opened by these sources (replacing the default, Contact only).</summary>
    /// <param name="sources">The sources, for example Contact and User.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidRequestException">No source is given, or one is not a defined <see cref="ConversationSource"/>.</exception>
    public InboundWorkflowBuilder ForSources(params ConversationSource[] sources)
    {
        if (sources is null || sources.Length == 0)
        {
            throw new InvalidRequestException(nameof(sources), "at least one source is required");
        }

        foreach (var source in sources)
        {
            if (!Enum.IsDefined(source))
            {
                throw new InvalidRequestException(nameof(sources), $"{(int)source} is not a ConversationSource");
            }
        }

        _sources = [.. sources];
        return this;
    }

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
    public InboundWorkflowBuilder WhenChannel(params string[] channels)
    {
        var allowed = channels.Select(c => new ChannelId(c)).ToHashSet();
        return When(context => allowed.Contains(context.Conversation.Channel));
    }

    /// <summary>Runs only when the contact's field <paramref name="key"/> equals <paramref name="value"/> (ordinal, ignoring case).</summary>
    /// <param name="key">The field's key.</param>
    /// <param name="value">The value it must have.</param>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder WhenContactField(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return When(context => context.Contact.Fields.TryGetValue(key, out var actual) && string.Equals(actual, value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Runs only when the contact has the tag <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>This builder.</returns>
    public InboundWorkflowBuilder WhenContactTag(string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
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
    public InboundWorkflowBuilder DefaultTeam(string team)
    {
        _defaultTeam = new TeamId(team);
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

    /// <summary>The most time each enrichment, routing or assignment step may take (default 5 seconds; up to 5 minutes).</summary>
    /// <param name="timeout">The limit, measured on the library's <see cref="TimeProvider"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidRequestException">The timeout is not positive or is over 5 minutes.</exception>
    public InboundWorkflowBuilder StepTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
        {
            throw new InvalidRequestException(nameof(timeout), $"it is {timeout}; a step timeout is above zero and at most 5 minutes");
        }

        _stepTimeout = timeout;
        return this;
    }

    /// <summary>
    /// How long an engine's claim on a running run lasts (default 1 minute); every step renews it. A run whose engine
    /// died is resumed by <c>ResumeWorkflowsAsync</c> once its claim lapses, never while another engine may still run
    /// it. Must be longer than the step timeout.
    /// </summary>
    /// <param name="lease">The claim's length, measured on the library's <see cref="TimeProvider"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidRequestException">The lease is not positive or is over one hour.</exception>
    public InboundWorkflowBuilder RunLease(TimeSpan lease)
    {
        if (lease <= TimeSpan.Zero || lease > TimeSpan.FromHours(1))
        {
            throw new InvalidRequestException(nameof(lease), $"it is {lease}; a run lease is above zero and at most one hour");
        }

        _runLease = lease;
        return this;
    }

    internal void Validate()
    {
        if (_runLease <= _stepTimeout)
        {
            throw new InvalidRequestException("RunLease", $"the run lease ({_runLease}) must be longer than the step timeout ({_stepTimeout})");
        }

        if (_router is null && _defaultTeam is null)
        {
            throw new InvalidRequestException("Workflow", "the inbound workflow routes nowhere: call RouteBy(…), DefaultTeam(…) or both");
        }
    }

    internal InboundWorkflowDefinition Build(IServiceProvider services)
    {
        var enrichers = _enrichers.Select(create => create(services)).ToArray();
        var repeated = enrichers.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidRequestException("Enrichers", $"two enrichers are named '{repeated.Key}'; a run records and resumes steps by name, so names must differ");
        }

        return new InboundWorkflowDefinition(
            _sources,
            _conditions.ToArray(),
            enrichers,
            _router?.Invoke(services),
            _defaultTeam,
            _assigner(services),
            _stepTimeout,
            _runLease);
    }
}
