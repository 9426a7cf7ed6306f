namespace InboundConversations.Demo;

/// <summary>Reads back what the inbox holds, per contact and per agent.</summary>
internal static class Summary
{
    public static async Task PrintAsync(IConversationEngine engine, IAgentRoster roster, Timeline timeline, string[] contacts, string[] teams)
    {
        Console.WriteLine();
        Console.WriteLine("Per contact:");
        foreach (var contact in contacts)
        {
            var conversations = await engine.GetContactConversationsAsync(new ContactId(contact));
            var parts = new List<string>();
            foreach (var conversation in conversations)
            {
                var messages = await engine.GetMessagesAsync(conversation.Id);
                parts.Add($"{timeline.Number(conversation.Id)} {conversation.State} ({messages.Count} messages, team {conversation.Team?.ToString() ?? "-"}, agent {conversation.Assignee?.ToString() ?? "-"})");
            }

            Console.WriteLine($"  {contact,-6} {string.Join("; ", parts)}");
        }

        Console.WriteLine("Per agent:");
        foreach (var team in teams)
        {
            foreach (var agent in await roster.GetTeamAsync(new TeamId(team)))
            {
                Console.WriteLine($"  {agent.Id,-6} team {team,-8} {agent.Presence,-8} open {agent.OpenConversations} of {agent.Capacity}");
            }
        }
    }
}
