using InboundConversations.WebhookHost.Inbox;
using Microsoft.Extensions.Options;

namespace InboundConversations.WebhookHost.Agents;

/// <summary>
/// Stops the host at start-up when no agent is configured, or an agent joins a team the workflow never routes to
/// (a typo there would leave the agent idle forever). Ids and capacities are the library's to check.
/// </summary>
internal sealed class AgentsOptionsValidator : IValidateOptions<AgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        if (options.Agents.Count == 0)
        {
            return ValidateOptionsResult.Fail($"{AgentsOptions.Section}:Agents lists no agent.");
        }

        var problems = options.Agents
            .SelectMany(agent => agent.Teams
                .Where(team => !InboxWorkflow.Teams.Contains(team))
                .Select(team => $"Agent '{agent.Id}' joins team '{team}', which the workflow never routes to ({string.Join(", ", InboxWorkflow.Teams)})."))
            .Concat(options.Agents.Where(agent => agent.Teams.Count == 0).Select(agent => $"Agent '{agent.Id}' has no team."))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
