using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Benchmarks.Setup;

/// <summary>
/// The library as a host wires it: the in-memory adapters (the defaults), no logging provider, and the inbound
/// workflow of the full cycle (keyword enrichment → rule routing → least-open assignment) with a billing team of
/// online agents.
/// </summary>
public sealed class EngineInbox : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private EngineInbox(ServiceProvider provider)
    {
        _provider = provider;
        Engine = provider.GetRequiredService<IConversationEngine>();
        Roster = provider.GetRequiredService<IAgentRoster>();
    }

    public IConversationEngine Engine { get; }

    public IAgentRoster Roster { get; }

    /// <summary>Builds an inbox with <paramref name="agents"/> online agents of capacity <paramref name="capacity"/>.</summary>
    /// <param name="agents">The billing team's size.</param>
    /// <param name="capacity">Each agent's capacity.</param>
    /// <param name="withWorkflow">False builds the engine without any workflow (conversations stay Unassigned).</param>
    /// <param name="storage">Replaces the in-memory adapters (the PostgreSQL benchmarks pass <c>UsePostgreSql</c>).</param>
    /// <param name="configure">Sets the engine's options (the timer benchmarks turn auto-close on).</param>
    /// <param name="clock">Replaces the system clock (the timer benchmarks move time on to make their timers due).</param>
    public static async Task<EngineInbox> CreateAsync(
        int agents,
        int capacity,
        bool withWorkflow = true,
        Action<IInboundConversationsBuilder>? storage = null,
        Action<InboundConversationsOptions>? configure = null,
        TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        var builder = services.AddInboundConversations(configure);
        storage?.Invoke(builder);
        if (withWorkflow)
        {
            builder.AddInboundWorkflow(workflow => workflow
                .EnrichWithKeywordIntents(intents => intents
                    .Add("billing", "invoice", "refund", "payment")
                    .Add("sales", "price", "quote"))
                .RouteByRules(rules => rules
                    .When(Match.Fact(WorkflowFacts.Intent).Is("billing")).RouteTo(Workload.BillingTeam.Value)
                    .Otherwise(Workload.BillingTeam.Value))
                .AssignBy(AgentAssigners.LeastOpen()));
        }

        var inbox = new EngineInbox(services.BuildServiceProvider());
        for (var i = 0; i < agents; i++)
        {
            await inbox.Roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = Workload.Agent(i),
                Teams = [Workload.BillingTeam],
                Capacity = capacity,
                InitialPresence = AgentPresence.Online,
            });
        }

        return inbox;
    }

    /// <summary>Opens one conversation for each contact, with a first message (ids "open-…").</summary>
    public async Task OpenAsync(ContactId[] contacts)
    {
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < contacts.Length; i++)
        {
            var result = await Engine.ReceiveAsync(Workload.Inbound(contacts[i], $"open-{i}", Workload.FirstMessage, sentAt));
            if (!result.OpenedConversation)
            {
                throw new InvalidOperationException($"contact {i} already had an open conversation");
            }
        }
    }

    /// <summary>One whole cycle: <paramref name="first"/> opens a conversation, the assigned agent replies and closes it.</summary>
    public async Task CycleAsync(InboundMessage first)
    {
        var received = await Engine.ReceiveAsync(first);
        var conversation = await Engine.GetConversationAsync(received.ConversationId);
        var agent = Actor.Agent(conversation.Assignee ?? throw new InvalidOperationException($"not assigned: {conversation.State}"));
        await Engine.SendAsync(new OutboundMessage { ConversationId = conversation.Id, Author = agent, Content = Workload.Reply });
        await Engine.CloseAsync(new CloseConversationRequest { ConversationId = conversation.Id, ClosedBy = agent, Category = "resolved" });
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
