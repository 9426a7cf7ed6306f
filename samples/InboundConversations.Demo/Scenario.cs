using InboundConversations.Storage;

namespace InboundConversations.Demo;

/// <summary>
/// A short stretch of an inbox: contacts on three channels, three teams, agents coming online, replies, closes,
/// a redelivered webhook, a contact coming back after closure, and an explicit open refused by the single-open rule.
/// </summary>
internal sealed class Scenario(IConversationEngine engine, IAgentRoster roster, SimulatedClock clock, Timeline timeline)
{
    private int _webhooks;

    public async Task RunAsync()
    {
        await RegisterAgentsAsync();

        var maria = await WriteAsync("maria", "whatsapp", "Hola! Cuál es el precio del plan premium?");
        var li = await WriteAsync("li", "email", "My last invoice charged me twice.");
        await WriteAsync("maria", "whatsapp", "Es para 12 personas.");
        await RedeliverAsync("maria", "whatsapp");
        var tom = await WriteAsync("tom", "webchat", "The app crashes when I log in.");

        await PresenceAsync("carla", AgentPresence.Online);
        await ReplyAsync(maria, "ana", "El plan premium cuesta 49 € por usuario.");
        await CloseAsync(maria, "ana", "quote-sent");
        await OpenExplicitlyAsync("li");

        clock.Advance(TimeSpan.FromMinutes(30));
        var mariaAgain = await WriteAsync("maria", "whatsapp", "Ya lo contratamos, gracias! Cómo agrego usuarios?");
        timeline.Step($"maria's new message opened {timeline.Number(mariaAgain)}: a closed conversation never reopens.");
        await CloseAsync(li, "carla", "refund-issued");
        await CloseAsync(tom, "bruno", "bug-reported");
    }

    private async Task RegisterAgentsAsync()
    {
        (string Agent, string Team, AgentPresence Presence, int Capacity)[] agents =
        [
            ("ana", "sales", AgentPresence.Online, 2),
            ("bruno", "support", AgentPresence.Online, 1),
            ("carla", "billing", AgentPresence.Offline, 2),
        ];
        foreach (var (agent, team, presence, capacity) in agents)
        {
            await roster.RegisterAgentAsync(new AgentRegistration
            {
                Agent = new AgentId(agent),
                Teams = [new TeamId(team)],
                Capacity = capacity,
                InitialPresence = presence,
            });
            timeline.Step($"agent {agent} joins team {team} ({presence}, capacity {capacity})");
        }
    }

    private async Task<ConversationId> WriteAsync(string contact, string channel, string text)
    {
        clock.Advance(TimeSpan.FromSeconds(40));
        timeline.Step($"{contact} writes on {channel}: \"{text}\"");
        var result = await engine.ReceiveAsync(Message(contact, channel, text, $"{channel}-{++_webhooks}"));
        var run = await engine.FindWorkflowRunAsync(result.ConversationId);
        if (result.OpenedConversation && run is not null)
        {
            var facts = run.Facts.Count == 0 ? "none" : string.Join(", ", run.Facts.Select(f => $"{f.Key}={f.Value}"));
            Timeline.Note($"  workflow run: {run.Status}; facts: {facts}; steps: {string.Join(" → ", run.Steps.Select(s => $"{s.Name} {s.Status}"))}");
        }

        return result.ConversationId;
    }

    private async Task RedeliverAsync(string contact, string channel)
    {
        clock.Advance(TimeSpan.FromSeconds(5));
        var externalId = $"{channel}-{_webhooks}";
        timeline.Step($"the {channel} provider redelivers webhook {externalId}");
        var result = await engine.ReceiveAsync(Message(contact, channel, "Es para 12 personas.", externalId));
        Timeline.Note($"→ recognised as a redelivery of message {result.MessageId.ToString()[..8]} in {timeline.Number(result.ConversationId)}: nothing applied (IsDuplicate = {result.IsDuplicate})");
    }

    private async Task PresenceAsync(string agent, AgentPresence presence)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        timeline.Step($"{agent} goes {presence}");
        await roster.SetPresenceAsync(new AgentId(agent), presence);
    }

    private async Task ReplyAsync(ConversationId conversation, string agent, string text)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        timeline.Step($"{agent} replies in {timeline.Number(conversation)}: \"{text}\"");
        await engine.SendAsync(new OutboundMessage { ConversationId = conversation, Author = Actor.Agent(new AgentId(agent)), Content = text });
    }

    private async Task CloseAsync(ConversationId conversation, string agent, string category)
    {
        clock.Advance(TimeSpan.FromMinutes(2));
        timeline.Step($"{agent} closes {timeline.Number(conversation)}");
        await engine.CloseAsync(new CloseConversationRequest { ConversationId = conversation, ClosedBy = Actor.Agent(new AgentId(agent)), Category = category });
    }

    private async Task OpenExplicitlyAsync(string contact)
    {
        clock.Advance(TimeSpan.FromSeconds(20));
        timeline.Step($"an agent tries to open a second conversation with {contact}");
        try
        {
            await engine.OpenAsync(new OpenConversationRequest { Contact = new ContactId(contact), Channel = new ChannelId("email"), OpenedBy = Actor.Agent(new AgentId("bruno")) });
        }
        catch (OpenConversationExistsException refused)
        {
            Timeline.Note($"→ refused: {contact} already has {timeline.Number(refused.OpenConversationId)} open (one open conversation per contact)");
        }
    }

    private InboundMessage Message(string contact, string channel, string text, string externalId) => new()
    {
        Contact = new ContactId(contact),
        Channel = new ChannelId(channel),
        ExternalId = externalId,
        Content = text,
        SentAt = clock.GetUtcNow(),
    };
}
