
namespace InboundConversations.Tests.Support;

/// <summary>
/// Everything stored for the given contacts and teams, read through the ports rather than the engine (so it can be
/// taken after the container is disposed): conversations, their messages and workflow runs, agents with their
/// presence, capacity and load, team queues, and the number of events delivered. One line per fact, so that a
/// failed comparison names what changed.
/// </summary>
public sealed record PortSnapshot(IReadOnlyList<string> Lines)
{
    public static async Task<PortSnapshot> CaptureAsync(
        TestInbox inbox, IEnumerable<ContactId> contacts, IEnumerable<TeamId> teams, WorkspaceId workspace = default)
    {
        var lines = new List<string>();
        foreach (var contact in contacts)
        {
            foreach (var conversation in await inbox.Store.ListByContactAsync(workspace, contact, default))
            {
                lines.Add($"conversation {conversation}");
                lines.AddRange((await inbox.Store.ListMessagesAsync(workspace, conversation.Id, default)).Select(m => $"  message {m}"));
                if (await inbox.Store.FindWorkflowRunAsync(workspace, conversation.Id, default) is { } run)
                {
                    lines.Add($"  run {run.Status} v{run.Version} team {run.Team} agent {run.Agent} steps {run.Steps.Count} facts {string.Join(',', run.Facts)}");
                }
            }
        }

        foreach (var team in teams)
        {
            lines.AddRange((await inbox.Directory.ListTeamMembersAsync(workspace, team, default)).Select(a =>
                $"team {team} agent {a.Id} {a.Presence} load {a.OpenConversations}/{a.Capacity} teams {string.Join(',', a.Teams)} last {a.LastAssignedAt}"));
            lines.Add($"team {team} queue {string.Join(',', (await inbox.Store.ListQueuedAsync(workspace, team, 1_000, default)).Select(c => c.Id))}");
        }

        lines.Add($"events {inbox.Events.Count}");
        return new PortSnapshot(lines);
    }

    /// <summary>Asserts that <paramref name="after"/> holds exactly what this snapshot held.</summary>
    public void ShouldBeUnchangedIn(PortSnapshot after, string because) =>
        after.Lines.Should().Equal(Lines, because);
}
