using System.Net;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Documentation;

/// <summary>
/// The README's "Writing a storage adapter" code is the text of files that are compiled and run: its adapter example
/// is tests/InboundConversations.PostgreSql.Tests/Documentation/StorageAdapterExample.cs (the contract suites run
/// against the PostgreSQL adapter through it), its skipping example this project's SkippingConversationStoreTests.cs
/// (run by ContractSuiteShapeTests), and the suites' own <c>&lt;example&gt;</c> comments are excerpts of the former.
/// </summary>
public sealed class ReadmeStorageAdapterTests
{
    private const string AdapterExample = "tests/InboundConversations.PostgreSql.Tests/Documentation/StorageAdapterExample.cs";
    private const string SkippingExample = "tests/InboundConversations.Core.Tests/Storage/SkippingConversationStoreTests.cs";

    [Fact]
    public void AdapterExample_InTheReadme_IsTheCompiledFile() =>
        ReadmeBlock(AdapterExample).Should().Be(MarkedText(AdapterExample));

    [Fact]
    public void SkippingExample_InTheReadme_IsTheCompiledFile() =>
        ReadmeBlock(SkippingExample).Should().Be(MarkedText(SkippingExample));

    [Theory]
    [InlineData("src/InboundConversations.Testing/ConversationStoreContract.cs")]
    [InlineData("src/InboundConversations.Testing/AgentDirectoryContract.cs")]
    [InlineData("src/InboundConversations.Testing/ContactStoreContract.cs")]
    [InlineData("src/InboundConversations.Testing/StorageContractCoverage.cs")]
    public void ExampleComment_OfASuite_IsAnExcerptOfTheReadmesExample(string source)
    {
        var example = DocumentationExample(source);

        example.Should().NotBeNullOrWhiteSpace();
        ReadmeBlock(AdapterExample).Should().Contain(example);
    }

    [Fact]
    public void AdapterExample_ReturnsFalseOnlyOnAUniqueViolation() =>
        ReadmeBlock(AdapterExample).Should().NotContain("ValueTask.FromResult(false)").And.Contain("when (e.SqlState == PostgresErrorCodes.UniqueViolation)");

    /// <summary>The README's C# block announced by the comment that names <paramref name="file"/>.</summary>
    private static string ReadmeBlock(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var comment = Array.FindIndex(lines, l => l.StartsWith("<!-- Compiled and run as " + file, StringComparison.Ordinal));
        comment.Should().BeGreaterThan(-1, $"the README announces its copy of {file}");
        lines[comment + 1].Should().Be("```csharp");
        var end = Array.IndexOf(lines, "```", comment + 2);
        return Normalized(lines[(comment + 2)..end]);
    }

    /// <summary><paramref name="file"/>'s lines from "README: begin" to "README: end", but those that end in "// not in the README".</summary>
    private static string MarkedText(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, file));
        var begin = Array.FindIndex(lines, l => l.Trim() == "// README: begin");
        var end = Array.FindIndex(lines, l => l.Trim() == "// README: end");
        begin.Should().BeGreaterThan(-1);
        end.Should().BeGreaterThan(begin);
        return Normalized(lines[(begin + 1)..end].Where(l => !l.EndsWith("// not in the README", StringComparison.Ordinal)));
    }

    /// <summary>The text of <paramref name="source"/>'s <c>&lt;code&gt;</c> in its type's <c>&lt;example&gt;</c>, as C#.</summary>
    private static string DocumentationExample(string source)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, source)).Select(l => l.Trim()).ToArray();
        var begin = Array.IndexOf(lines, "/// <code>");
        var end = Array.IndexOf(lines, "/// </code>", begin + 1);
        begin.Should().BeGreaterThan(-1, $"{source} has an example");
        return Normalized(lines[(begin + 1)..end].Select(l => WebUtility.HtmlDecode(l.Length > 3 ? l[4..] : string.Empty)));
    }

    /// <summary>The lines joined, runs of blank lines as one (a line left out may leave two behind).</summary>
    private static string Normalized(IEnumerable<string> lines)
    {
        var kept = new List<string>();
        foreach (var line in lines.Select(l => l.TrimEnd()))
        {
            if (line.Length > 0 || (kept.Count > 0 && kept[^1].Length > 0))
            {
                kept.Add(line);
            }
        }

        return string.Join("\n", kept).Trim('\n');
    }

    private static string Root => Repository.Root;
}
