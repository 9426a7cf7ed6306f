using System.Text.RegularExpressions;
using HostExample;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Documentation;

/// <summary>A host needs at most two of the library's <c>using</c> lines: the README shows it, and <see cref="HostWiring"/> compiles and runs it.</summary>
public sealed partial class ReadmeUsingsTests
{
    [Fact]
    public async Task AHostOutsideTheLibrary_WiresCustomStepsWithTwoUsings_AndTheyRun()
    {
        var notified = new List<AgentId>();
        await using var provider = new ServiceCollection().AddHostInbox(notified).BuildServiceProvider();
        var roster = provider.GetRequiredService<IAgentRoster>();
        var engine = provider.GetRequiredService<IConversationEngine>();
        await roster.RegisterAgentAsync(new AgentRegistration { Agent = new AgentId("lucia"), Teams = [new TeamId("es-desk")], Capacity = 2, InitialPresence = AgentPresence.Online });

        var result = await engine.ReceiveAsync(new InboundMessage
        {
            Contact = new ContactId("+34600000001"),
            Channel = new ChannelId("whatsapp"),
            ExternalId = "wamid.1",
            Content = "Hola, tengo una pregunta",
            SentAt = DateTimeOffset.UtcNow,
        });

        var conversation = await engine.GetConversationAsync(result.ConversationId);
        conversation.Team.Should().Be(new TeamId("es-desk"));
        conversation.Assignee.Should().Be(new AgentId("lucia"));
        notified.Should().Equal(new AgentId("lucia"));
    }

    [Fact]
    public void TheHostExample_UsesTwoLibraryNamespaces()
    {
        LibraryUsings(File.ReadAllText(Repository.PathOf("tests/InboundConversations.Core.Tests/Documentation/HostExample.cs")))
            .Should().Equal("InboundConversations", "InboundConversations.Workflow");
    }

    [Fact]
    public void TheReadmesWiringExample_HasTheHostExamplesUsings()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## Wiring it into a host", StringComparison.Ordinal)..];
        var block = CSharpBlock().Match(section).Groups[1].Value;

        LibraryUsings(block).Should().Equal("InboundConversations", "InboundConversations.Workflow");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/package-readme.md")]
    public void EveryCSharpBlockOfTheDocs_NeedsAtMostTwoLibraryUsings_AndNamesOnlyNamespacesThatExist(string document)
    {
        var text = File.ReadAllText(Repository.PathOf(document)).ReplaceLineEndings("\n");
        var known = new[] { typeof(IConversationEngine), typeof(Testing.ConversationStoreContract) }
            .SelectMany(a => a.Assembly.GetExportedTypes()).Select(t => t.Namespace!).Append("InboundConversations.PostgreSql").Append("InboundConversations.Hosting").ToHashSet();

        foreach (Match block in CSharpBlock().Matches(text))
        {
            var usings = LibraryUsings(block.Groups[1].Value);
            usings.Where(u => !known.Contains(u)).Should().BeEmpty($"{document} names only namespaces that exist");
            usings.Where(u => u is "InboundConversations" or "InboundConversations.Workflow" or "InboundConversations.Storage").Should()
                .HaveCountLessThanOrEqualTo(2, $"a block of {document} needs at most two of the Core package's usings");
        }
    }

    private static List<string> LibraryUsings(string code) =>
        UsingLine().Matches(code).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("InboundConversations", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^\s*(?://\s*)?using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
