using InboundConversations.Demo.Reporting;

namespace InboundConversations.Demo.Simulation;

/// <summary>
/// The agents' side of presence, through <see cref="IAgentRoster"/>: each agent comes online for a shift, then
/// takes a break. An agent whose shift ends while holding conversations goes away (no new assignments) and wraps
/// them up, going offline with the last close. Coming online drains the queues of the agent's teams (the library does it).
/// </summary>
internal sealed class AgentShifts(IAgentRoster roster, Agenda agenda, Random random, Timeline? timeline, Palette palette, Func<bool> stretchGoesOn)
{
    private readonly HashSet<string> _wrappingUp = new(StringComparer.Ordinal);

    public async Task RegisterAsync(IReadOnlyList<AgentProfile> agents)
    {
        foreach (var agent in agents)
        {
            await roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId(agent.Id),
                Teams = [.. agent.Teams.Select(static team => new TeamId(team))],
                Capacity = agent.Capacity,
            }).ConfigureAwait(false);
            agenda.After(agent.DrawFirstShift(random), () => StartShiftAsync(agent));
        }
    }

    /// <summary>After an agent closes a conversation: one wrapping up with nothing left goes offline.</summary>
    public async Task AfterCloseAsync(string agent)
    {
        if (!_wrappingUp.Contains(agent) || (await roster.GetAgentAsync(new AgentId(agent)).ConfigureAwait(false)).OpenConversations > 0)
        {
            return;
        }

        _wrappingUp.Remove(agent);
        timeline?.Action($"{palette.Agent(agent)} goes offline: all wrapped up");
        await roster.SetPresenceAsync(new AgentId(agent), AgentPresence.Offline).ConfigureAwait(false);
    }

    private async Task StartShiftAsync(AgentProfile agent)
    {
        if (!stretchGoesOn())
        {
            return;
        }

        _wrappingUp.Remove(agent.Id);
        timeline?.Action($"{palette.Agent(agent.Id)} comes online ({string.Join(" + ", agent.Teams.Select(palette.Team))}, up to {agent.Capacity} at once)");
        await roster.SetPresenceAsync(new AgentId(agent.Id), AgentPresence.Online).ConfigureAwait(false);
        agenda.After(agent.DrawShift(random), () => EndShiftAsync(agent));
    }

    private async Task EndShiftAsync(AgentProfile agent)
    {
        if (!stretchGoesOn())
        {
            return;
        }

        var held = (await roster.GetAgentAsync(new AgentId(agent.Id)).ConfigureAwait(false)).OpenConversations;
        if (held > 0)
        {
            _wrappingUp.Add(agent.Id);
            timeline?.Action($"{palette.Agent(agent.Id)}'s shift ends: away, wrapping up {held} conversation{(held == 1 ? "" : "s")}");
            await roster.SetPresenceAsync(new AgentId(agent.Id), AgentPresence.Away).ConfigureAwait(false);
        }
        else
        {
            timeline?.Action($"{palette.Agent(agent.Id)} goes offline for a break");
            await roster.SetPresenceAsync(new AgentId(agent.Id), AgentPresence.Offline).ConfigureAwait(false);
        }

        agenda.After(agent.DrawBreak(random), () => StartShiftAsync(agent));
    }
}
