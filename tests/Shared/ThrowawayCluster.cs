using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace InboundConversations.PostgreSql.Throwaway;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: created in a temporary folder, listening on 127.0.0.1 on a free
/// port, and removed afterwards. As root, the server runs as the <c>postgres</c> system user (initdb refuses root).
/// Durability is off (fsync, synchronous commit): the data is thrown away anyway. Shared by the tests' fixture and
/// the benchmarks (linked source). The free port is released before the server binds it: if another process takes it
/// meanwhile, the server starts again on another port (three tries in all).
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private const int StartAttempts = 3;

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
    public static Task<ThrowawayCluster> StartAsync() => StartAsync(FreePort);

    /// <summary>Creates and starts a cluster on the first port of <paramref name="choosePort"/>'s that the server can bind.</summary>
    internal static async Task<ThrowawayCluster> StartAsync(Func<int> choosePort)
    {
        var cluster = new ThrowawayCluster();
        try
        {
            await cluster.InitializeAsync(choosePort).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(Func<int> choosePort)
    {
        _bin = PostgreSqlBinaries.Find() ?? throw new InvalidOperationException(PostgreSqlBinaries.Missing());
        Directory.CreateDirectory(_folder);
        if (_asRoot)
        {
            await RunAsync("chown", ["postgres:", _folder], asServerUser: false).ConfigureAwait(false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            Port = choosePort();
            var logLength = File.Exists(ServerLog) ? new FileInfo(ServerLog).Length : 0;
            try
            {
                await StartServerAsync().ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                if (!await PortWasTakenAsync(logLength).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }
    }

    private string ServerLog => Path.Combine(_folder, "server.log");

    private Task StartServerAsync()
    {
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder} -c fsync=off " +
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        return RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-l", ServerLog, "-o", settings, "-w", "-t", "60", "start"]);
    }

    /// <summary>Whether the server's last start (what it logged after <paramref name="logLength"/>) failed because its port was taken.</summary>
    private async Task<bool> PortWasTakenAsync(long logLength)
    {
        if (!File.Exists(ServerLog))
        {
            return false;
        }

        var log = await File.ReadAllBytesAsync(ServerLog).ConfigureAwait(false);
        return log.Length > logLength &&
               System.Text.Encoding.UTF8.GetString(log, (int)logLength, log.Length - (int)logLength).Contains("Address already in use", StringComparison.Ordinal);
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
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
        var admin = NpgsqlDataSource.Create(ConnectionString("postgres", 2));
        await using (admin.ConfigureAwait(false))
        {
            var command = admin.CreateCommand($"create database \"{name}\"");
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
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
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var serverLog = File.Exists(ServerLog) ? await File.ReadAllTextAsync(ServerLog).ConfigureAwait(false) : string.Empty;
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}\n{serverLog}");
        }
    }
}
