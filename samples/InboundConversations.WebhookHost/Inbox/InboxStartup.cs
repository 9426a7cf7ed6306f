using InboundConversations.WebhookHost.Agents;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Inbox;

/// <summary>
/// Start-up work: register the configured agents (offline until they set their presence). A bad agent setting stops
/// the host here. The runs an earlier process left unfinished are resumed by the background processing's first pass.
/// </summary>
internal sealed class InboxStartup(IAgentRoster roster, IOptions<AgentsOptions> agents, ILogger<InboxStartup> logger) : IHostedService
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
