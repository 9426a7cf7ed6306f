namespace InboundConversations.Tests.Support;

/// <summary>The clone the tests run in: documentation and source tests read its files.</summary>
public static class Repository
{
    /// <summary>The clone's root: the nearest folder above the test's binaries that holds the solution.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of a file or folder given relative to the root, with forward slashes.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "InboundConversations.Core.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No InboundConversations.Core.sln above {AppContext.BaseDirectory}.");
    }
}
