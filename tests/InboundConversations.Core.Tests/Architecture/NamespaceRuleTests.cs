using System.Text.RegularExpressions;
using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Architecture;

/// <summary>
/// The namespace rule of CONTRIBUTING.md: a file's namespace is its package's root namespace plus its folder path;
/// the one exception is a <c>DependencyInjection/</c> folder, whose files are in Microsoft.Extensions.DependencyInjection.
/// Internals live in <c>Internal/</c> folders, and nothing public is declared there.
/// </summary>
public sealed partial class NamespaceRuleTests
{
    public static TheoryData<string, string> Packages => new()
    {
        { "src/InboundConversations.Core", "InboundConversations" },
        { "src/InboundConversations.PostgreSql", "InboundConversations.PostgreSql" },
        { "src/InboundConversations.Hosting", "InboundConversations.Hosting" },
        { "src/InboundConversations.Testing", "InboundConversations.Testing" },
    };

    [Fact]
    public void ThePackagesChecked_AreEveryProjectUnderSrc()
    {
        var projects = Directory.EnumerateDirectories(Repository.PathOf("src")).Select(folder => $"src/{Path.GetFileName(folder)}");

        projects.Should().BeEquivalentTo(Packages.Select(row => (string)row[0]), "a new package follows the rule too");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void EveryFile_IsInItsFoldersNamespace(string project, string rootNamespace)
    {
        var wrong = SourceFiles(project)
            .Select(file => (file.Relative, Declared: NamespaceOf(file.Text), Expected: ExpectedNamespace(file.Relative, rootNamespace)))
            .Where(file => file.Declared != file.Expected)
            .Select(file => $"{file.Relative}: namespace {file.Declared}, expected {file.Expected}")
            .ToList();

        wrong.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void NothingPublic_IsDeclaredInAnInternalFolder(string project, string rootNamespace)
    {
        _ = rootNamespace;
        var exposed = SourceFiles(project)
            .Where(file => file.Relative.Split('/').Contains("Internal") && PublicType().IsMatch(file.Text))
            .Select(file => file.Relative)
            .ToList();

        exposed.Should().BeEmpty("an Internal folder holds internals only");
    }

    [Fact]
    public void ThePublicNamespacesOfTheCorePackage_AreTheFewAHostWrites()
    {
        var namespaces = typeof(IConversationEngine).Assembly.GetExportedTypes().Select(t => t.Namespace).Distinct().Order().ToList();

        namespaces.Should().Equal(
            "InboundConversations",
            "InboundConversations.Storage",
            "InboundConversations.Workflow",
            "Microsoft.Extensions.DependencyInjection");
    }

    [Fact]
    public void ThePublicNamespaceOfTheTestingPackage_IsItsPackageId()
    {
        typeof(InboundConversations.Testing.ConversationStoreContract).Assembly.GetExportedTypes()
            .Select(t => t.Namespace).Distinct().Should().Equal("InboundConversations.Testing");
    }

    [Fact]
    public void TheRule_ReadsTheFolderPath()
    {
        ExpectedNamespace("Storage/Internal/TeamQueues.cs", "InboundConversations").Should().Be("InboundConversations.Storage.Internal");
        ExpectedNamespace("Conversation.cs", "InboundConversations").Should().Be("InboundConversations");
        ExpectedNamespace("DependencyInjection/PostgreSqlBuilderExtensions.cs", "InboundConversations.PostgreSql").Should().Be("Microsoft.Extensions.DependencyInjection");
        ExpectedNamespace("Internal/BackgroundProcessingService.cs", "InboundConversations.Hosting").Should().Be("InboundConversations.Hosting.Internal");
    }

    private static string ExpectedNamespace(string relative, string rootNamespace)
    {
        var folders = relative.Split('/')[..^1];
        return folders is ["DependencyInjection"] ? "Microsoft.Extensions.DependencyInjection" : string.Join('.', [rootNamespace, .. folders]);
    }

    private static string? NamespaceOf(string text) => FileScopedNamespace().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    private static IEnumerable<(string Relative, string Text)> SourceFiles(string project)
    {
        var root = Repository.PathOf(project);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => !relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        files.Should().NotBeEmpty($"{project} has sources");
        return files.Select(relative => (relative, File.ReadAllText(Path.Combine(root, relative))));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^public\s", RegexOptions.Multiline)]
    private static partial Regex PublicType();
}
