namespace InboundConversations.Tests.Architecture;

/// <summary>
/// The Core package's layers, bottom up, by namespace; a layer may use the layers below it and itself, never one
/// above or beside it. The commands and the workflow runner sit side by side: neither uses the other.
/// </summary>
public static class Layers
{
    public const string DependencyInjection = "Microsoft.Extensions.DependencyInjection";

    /// <summary>Each layer's namespaces, and the layers it may use besides itself.</summary>
    public static IReadOnlyList<Layer> All { get; } =
    [
        new("domain", ["InboundConversations", "InboundConversations.Internal.Domain"], []),
        new("storage ports and in-memory adapters", ["InboundConversations.Storage", "InboundConversations.Storage.Internal"], ["domain"]),
        new("workflow extension points", ["InboundConversations.Workflow", "InboundConversations.Workflow.Internal"], ["domain", "storage ports and in-memory adapters"]),
        new("diagnostics", ["InboundConversations.Internal.Diagnostics"], ["domain"]),
        new("stored changes", ["InboundConversations.Internal.Changes"], ["domain", "storage ports and in-memory adapters", "workflow extension points", "diagnostics"]),
        new("engine commands", ["InboundConversations.Internal.Commands"], ["domain", "storage ports and in-memory adapters", "workflow extension points", "diagnostics", "stored changes"]),
        new("workflow runner", ["InboundConversations.Internal.Running"], ["domain", "storage ports and in-memory adapters", "workflow extension points", "diagnostics", "stored changes"]),
        new("façades and composition", ["InboundConversations.Internal.Engine"], ["domain", "storage ports and in-memory adapters", "workflow extension points", "diagnostics", "stored changes", "engine commands", "workflow runner"]),
        new("registration", [DependencyInjection], ["domain", "storage ports and in-memory adapters", "workflow extension points", "diagnostics", "stored changes", "engine commands", "workflow runner", "façades and composition"]),
    ];

    /// <summary>The layer a namespace of the Core assembly belongs to, or <see langword="null"/> if none names it.</summary>
    public static Layer? Of(string? @namespace) => All.FirstOrDefault(layer => layer.Namespaces.Contains(@namespace ?? ""));

    /// <summary>One layer.</summary>
    public sealed record Layer(string Name, IReadOnlyList<string> Namespaces, IReadOnlyList<string> MayUse)
    {
        public bool Allows(Layer other) => other == this || MayUse.Contains(other.Name);

        public override string ToString() => Name;
    }
}
