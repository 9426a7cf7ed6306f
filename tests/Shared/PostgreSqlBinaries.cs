namespace InboundConversations.PostgreSql.Throwaway;

/// <summary>
/// Where the PostgreSQL server programs (initdb, pg_ctl) are: the folder in <c>POSTGRES_BIN</c>, else the newest
/// Debian install (/usr/lib/postgresql/N/bin), else the PATH.
/// </summary>
public static class PostgreSqlBinaries
{
    /// <summary>True when tests run under CI (<c>CI=true</c>): a missing server then fails the tests instead of skipping them.</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding initdb and pg_ctl, or null if there is none.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return HasServer(configured) ? configured : null;
        }

        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => HasServer(d.Folder))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Folder)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServer);
    }

    /// <summary>Why the tests cannot run here, or null if they can.</summary>
    public static string? Missing() => Find() is null
        ? "No PostgreSQL server programs (initdb, pg_ctl) were found in POSTGRES_BIN, /usr/lib/postgresql/N/bin or the PATH. " +
          "Install the server (Debian: apt-get install postgresql) or set POSTGRES_BIN to run the PostgreSQL tests."
        : null;

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
