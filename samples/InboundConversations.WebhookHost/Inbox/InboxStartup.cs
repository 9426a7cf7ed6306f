using InboundConversations.WebhookHost.Agents;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Inbox;

/// <summary>
/// Start-up work, in order: register the configured agents (offline until they set their presence), then resume
/// every workflow run an earlier process left unfinished. A bad agent setting stops the host here.
/// </summary>
internal sealed class InboxStartup(
    IAgentRoster roster, IConversationEngine engine, IOptions<AgentsOptions> agents, ILogger<InboxStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var agent in agents.Value.Agents)
        {
            await roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId(agent.Id),
                Teams = [.. agent.Teams.Select(team => new TeamId(team))],
                Capacity = agent.Capacity,
            }, cancellationToken);
        }

        InboxLog.AgentsRegistered(logger, agents.Value.Agents.Count);
        var resumed = await engine.ProcessDueAsync(cancellationToken);
        InboxLog.WorkflowsResumed(logger, resumed.RunsResumed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
