using InboundConversations.Storage;

namespace InboundConversations.Workflow.Internal;

/// <summary>Gives back a reservation that an assignment did not keep, without taking one another assignment still needs.</summary>
internal static class Reservations
{
    /// <summary>
    /// Gives back <paramref name="agent"/>'s reservation for a conversation, taken by the caller for the version in
    /// <paramref name="takenFor"/>, unless the stored conversation is open and assigned to that agent (then the unit is
    /// theirs). A reservation another caller took for a later version of the conversation stays. Best effort: if the
    /// store or the directory fails, the reservation stays, and the engine's background pass releases it later.
    /// </summary>
    /// <returns>A task that completes when the reservation was given back, or kept.</returns>
    public static async ValueTask SettleAsync(
        IAgentDirectory directory, IConversationStore store, WorkspaceId workspace, AgentId agent, ConversationVersion takenFor)
    {
        try
        {
            var stored = await store.FindAsync(workspace, takenFor.Conversation, CancellationToken.None).ConfigureAwait(false);
            if (stored is { IsOpen: true } && stored.Assignee == agent)
            {
                return;
            }

            // Below the stored version, and at least the caller's own: one taken for a later version is another's.
            var below = Math.Max(stored?.Version ?? long.MaxValue, takenFor.Version + 1);
            await directory.ReleaseAsync(workspace, agent, takenFor with { Version = below }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort by design: a reservation kept only holds capacity back until the background pass; an agent gone from the directory holds none.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
