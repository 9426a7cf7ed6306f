namespace InboundConversations.Internal.Changes;

/// <summary>
/// What an opening hands on to the workflow: the engine's commands start runs through this, and the workflow runner
/// implements it, so neither references the other.
/// </summary>
internal interface IWorkflowLauncher
{
    /// <summary>Whether a conversation opened by <paramref name="source"/> starts the inbound workflow (stored Triaging, with a pending run).</summary>
    bool StartsFor(ConversationSource source);

    /// <summary>
    /// Runs the conversation's stored run to its end, if this call can claim it. Never throws for the run's own
    /// failures: the opening is stored, and an unfinished run is resumed by the background pass.
    /// </summary>
    /// <returns>A task that completes when the run ended, was left for the background pass, or was claimed by another caller.</returns>
    ValueTask RunAsync(WorkspaceId workspace, ConversationId conversation);
}
