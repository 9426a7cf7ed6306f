using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace InboundConversations.PostgreSql.Throwaway;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: created in a temporary folder, listening on 127.0.0.1 on a free
/// port, and removed afterwards. As root, the server runs as the <c>postgres</c> system user (initdb refuses root).
/// Durability is off (fsync, synchronous commit): the data is thrown away anyway. Shared by the tests' fixture and
/// the benchmarks (linked source).
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbound-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly bool _asRoot = Environment.UserName == "root";
    private string _bin = string.Empty;
    private int _databases;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    private string DataFolder => Path.Combine(_folder, "data");

    private ThrowawayCluster()
    {
    }

    /// <summary>Creates and starts a cluster.</summary>
    /// <exception cref="InvalidOperationException">No server programs were found, or one of them failed (its output and the server log say why).</exception>
    public static async Task<ThrowawayCluster> StartAsync()
    {
        var cluster = new ThrowawayCluster();
        try
        {
            await cluster.InitializeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        _bin = PostgreSqlBinaries.Find() ?? throw new InvalidOperationException(PostgreSqlBinaries.Missing());
        Directory.CreateDirectory(_folder);
        if (_asRoot)
        {
            await RunAsync("chown", ["postgres:", _folder], asServerUser: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        Port = FreePort();
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder} -c fsync=off " +
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-o", settings, "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <param name="prefix">The start of the database's name (the fixture makes it unique).</param>
    /// <param name="maxPoolSize">The largest pool a data source over it may open.</param>
    public async Task<string> CreateDatabaseAsync(string prefix, int maxPoolSize = 50)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}";
        await using (var admin = NpgsqlDataSource.Create(ConnectionString("postgres", 2)))
        await using (var command = admin.CreateCommand($"create database \"{name}\""))
        {
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name, maxPoolSize);
    }

    private string ConnectionString(string database, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = maxPoolSize,
            Timeout = 30,
            CommandTimeout = 60,
        }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = _asRoot && asServerUser ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (_asRoot && asServerUser)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_folder, "server.log");
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}\n{serverLog}");
        }
    }
}
