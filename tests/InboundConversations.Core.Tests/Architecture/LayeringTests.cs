namespace InboundConversations.Tests.Architecture;

/// <summary>
/// The Core package's layers point one way (domain ← storage ports ← workflow extension points ← stored changes ←
/// commands | runner ← façades ← registration), checked on the compiled assembly, method bodies included.
/// </summary>
public sealed class LayeringTests
{
    private static readonly System.Reflection.Assembly Core = typeof(IConversationEngine).Assembly;

    [Fact]
    public void EveryNamespaceOfTheCorePackage_BelongsToALayer()
    {
        var unplaced = TypeReferences.TopLevelTypes(Core)
            .Where(type => Layers.Of(type.Namespace) is null)
            .Select(type => type.FullName)
            .ToList();

        unplaced.Should().BeEmpty("every namespace of the Core package is placed in a layer of Layers.All");
    }

    [Fact]
    public void EveryLayer_UsesOnlyItselfAndTheLayersBelowIt()
    {
        var violations = Violations().ToList();

        violations.Should().BeEmpty("a layer may use only itself and the layers below it (see Layers.All and CONTRIBUTING.md)");
    }

    [Fact]
    public void TheCommandsAndTheRunner_NeverUseEachOther()
    {
        var commands = Layers.All.Single(l => l.Name == "engine commands");
        var runner = Layers.All.Single(l => l.Name == "workflow runner");

        commands.Allows(runner).Should().BeFalse();
        runner.Allows(commands).Should().BeFalse();
        Uses("InboundConversations.Internal.Commands", "InboundConversations.Internal.Running").Should().BeEmpty();
        Uses("InboundConversations.Internal.Running", "InboundConversations.Internal.Commands").Should().BeEmpty();
    }

    [Fact]
    public void TheScanner_SeesUsesInMethodBodies_SoTheRuleCanFail()
    {
        // The composition root builds the runner inside its constructor's body, and the runner implements the launcher
        // the commands call: both are uses the rule must see, or a clean result would prove nothing.
        Uses("InboundConversations.Internal.Engine", "InboundConversations.Internal.Running").Should().Contain(use => use.Contains("WorkflowRunner"));
        Uses("InboundConversations.Internal.Running", "InboundConversations.Internal.Changes").Should().Contain(use => use.Contains("IWorkflowLauncher"));
        Uses("InboundConversations.Internal.Commands", "InboundConversations.Internal.Changes").Should().Contain(use => use.Contains("IWorkflowLauncher"));
    }

    private static IEnumerable<string> Violations()
    {
        foreach (var type in TypeReferences.TopLevelTypes(Core))
        {
            var layer = Layers.Of(type.Namespace);
            if (layer is null)
            {
                continue;
            }

            foreach (var (used, where) in TypeReferences.UsedBy(type))
            {
                var outer = TypeReferences.Outermost(used);
                if (outer.Scope is not Mono.Cecil.ModuleDefinition)
                {
                    continue; // Another assembly's type (the BCL, Stateless, Microsoft.Extensions): not a layer of ours.
                }

                if (Layers.Of(outer.Namespace) is { } target && !layer.Allows(target))
                {
                    yield return $"{where} ({layer}) uses {outer.FullName} ({target})";
                }
            }
        }
    }

    private static List<string> Uses(string from, string to) =>
        TypeReferences.TopLevelTypes(Core)
            .Where(type => type.Namespace == from)
            .SelectMany(type => TypeReferences.UsedBy(type).Select(use => (type, use.Used)))
            .Select(pair => TypeReferences.Outermost(pair.Used))
            .Where(outer => outer.Namespace == to)
            .Select(outer => outer.FullName)
            .Distinct()
            .ToList();
}
