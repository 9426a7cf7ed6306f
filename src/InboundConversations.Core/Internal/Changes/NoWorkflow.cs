namespace InboundConversations.Internal.Changes;

/// <summary>The launcher of a host that registered no workflow: nothing starts, so openings are stored Unassigned.</summary>
internal sealed class NoWorkflow : IWorkflowLauncher
{
    public static NoWorkflow Instance { get; } = new();

    private NoWorkflow()
    {
    }

    public bool StartsFor(ConversationSource source) => false;

    public ValueTask RunAsync(WorkspaceId workspace, ConversationId conversation) => ValueTask.CompletedTask;
}
