using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Support;

/// <summary>Test inboxes with an inbound workflow, and agents to assign to.</summary>
public static class WorkflowInbox
{
    public static readonly TeamId Support = new("support");

    public static TestInbox Create(
        Action<InboundWorkflowBuilder> configure, Action<IInboundConversationsBuilder>? build = null, Action<InboundWorkflowOptions>? options = null) =>
        new(build: b =>
        {
            b.AddInboundWorkflow(configure);
            if (options is not null)
            {
                b.Services.Configure(options);
            }

            build?.Invoke(b);
        });

    public static async Task<Agent> AddAgentAsync(this TestInbox inbox, string id, int capacity = 5, AgentPresence presence = AgentPresence.Online, params string[] teams) =>
        await inbox.Roster.RegisterAgentAsync(new AgentRegistration
        {
            Agent = new AgentId(id),
            Teams = (teams.Length == 0 ? ["support"] : teams).Select(t => new TeamId(t)).ToArray(),
            Capacity = capacity,
            InitialPresence = presence,
        });

    public static async Task<Conversation> ConversationOfAsync(this TestInbox inbox, ReceiveResult result) =>
        await inbox.Engine.GetConversationAsync(result.ConversationId);

    public static async Task<WorkflowRun> RunOfAsync(this TestInbox inbox, ConversationId id) =>
        await inbox.Engine.FindWorkflowRunAsync(id) ?? throw new InvalidOperationException($"no run for {id}");

    public static async Task<int> LoadOfAsync(this TestInbox inbox, string agent) =>
        (await inbox.Roster.GetAgentAsync(new AgentId(agent))).OpenConversations;
}
