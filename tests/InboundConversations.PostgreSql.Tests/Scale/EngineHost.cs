using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.PostgreSql.Tests.Scale;

/// <summary>
/// One engine as a host process wires it: its own service provider and its own connection pool (the adapter makes
/// a data source from the connection string), over the shared database. Disposing it is the process going away.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineHost(ServiceProvider services)
    {
        _services = services;
        Engine = services.GetRequiredService<IConversationEngine>();
        Roster = services.GetRequiredService<IAgentRoster>();
    }

    public IConversationEngine Engine { get; }

    public IAgentRoster Roster { get; }

    /// <summary>
    /// Starts an engine whose workflow routes everything to <paramref name="team"/> and assigns the least loaded agent,
    /// with the library's options as <paramref name="options"/> sets them (the defaults if none).
    /// </summary>
    public static EngineHost Start(
        string connectionString, string schema, string team, TimeProvider? clock = null, IConversationEnricher? enricher = null, Action<InboundConversationsOptions>? options = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddInboundConversations(options)
            .UsePostgreSql(connectionString, options => options.Schema = schema)
            .AddInboundWorkflow(workflow =>
            {
                if (enricher is not null)
                {
                    workflow.Enrich(enricher);
                }

                workflow.DefaultTeam(team).AssignBy(AgentAssigners.LeastOpen());
            });
        return new EngineHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
