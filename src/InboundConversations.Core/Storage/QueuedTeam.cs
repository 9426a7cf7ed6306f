namespace InboundConversations.Storage;

/// <summary>A team that has a queue: at least one of its conversations is Queued.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Team">The team.</param>
public readonly record struct QueuedTeam(WorkspaceId Workspace, TeamId Team);
