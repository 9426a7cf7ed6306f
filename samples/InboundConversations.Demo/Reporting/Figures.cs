namespace InboundConversations.Demo.Reporting;

/// <summary>
/// One row of the summary, for a team or an agent: how many conversations, how many waited in a queue, and the
/// medians, in simulated time from the opening, of the wait for an agent and of the wait for the first reply.
/// </summary>
internal sealed record Figures(string Name, string Team, int Conversations, int Queued, TimeSpan? MedianToAssignment, TimeSpan? MedianToFirstReply)
{
    public static Figures Of(string name, string team, IReadOnlyCollection<ConversationRecord> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        return new Figures(
            name,
            team,
            conversations.Count,
            conversations.Count(static c => c.WasQueued),
            Median.Of(conversations.Select(static c => c.TimeToAssignment).OfType<TimeSpan>()),
            Median.Of(conversations.Select(static c => c.TimeToFirstReply).OfType<TimeSpan>()));
    }
}
