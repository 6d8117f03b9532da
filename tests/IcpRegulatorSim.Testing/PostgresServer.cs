using System.Diagnostics;
using Npgsql;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// A throwaway PostgreSQL for tests: <c>initdb</c> in a temporary directory, the server listening on 127.0.0.1 on a free
/// port, both run as an unprivileged user when the tests run as root (PostgreSQL refuses root: the image's
/// <c>postgres</c> user). Everything is deleted on dispose. Durability is the database's own business, not the tests':
/// it runs without fsync.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private PostgresServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = User,
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The superuser initdb creates, trusted on 127.0.0.1 (the server listens nowhere else).</summary>
    public const string User = "icp";

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>A connection string whose search path is <paramref name="schema"/>: a simulator there creates it and keeps its tables in it.</summary>
    public string InSchema(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/N/bin), if any.</summary>
    public static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    public static async Task<PostgresServer> StartAsync(TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL is not installed; `make test` installs Debian's postgresql.");
        DeleteAbandoned();
        var directory = Directory.CreateTempSubdirectory("icp-postgres-").FullName;
        var data = Path.Combine(directory, "data");
        string[] asUser = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
        if (asUser.Length > 0)
        {
            await RunAsync(["chown", "postgres:postgres", directory], cancellationToken);
        }
        await RunAsync([.. asUser, Path.Combine(bin, "initdb"), "-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale"], cancellationToken);
        var port = ServerProcess.FreePort();
        // A watchdog beside the server stops it, and deletes its directory, when this process is gone however it
        // ended: a test host killed at the end of a run, or by a timeout, runs no disposal.
        var start = Start(["sh", "-c", Watchdog, "watchdog", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), directory,
            .. asUser, Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-h", "127.0.0.1", "-k", directory, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("PostgreSQL did not start.");
        process.OutputDataReceived += (_, e) => Forward(log, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServer(process, directory, port);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>
    /// <c>sh -c</c> with the test process's id, the directory, then the server's command: runs the server, looks once a
    /// second whether the test process is still there, and when it is not (or the server stopped) stops the server
    /// and deletes the directory.
    /// </summary>
    private const string Watchdog = """
        parent=$1; directory=$2; shift 2
        "$@" &
        server=$!
        while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
        pkill -INT -f -- "-D $directory/data" 2>/dev/null
        wait "$server"
        rm -rf "$directory"
        """;

    /// <summary>
    /// Deletes the directories of throwaway servers that are no longer running: a test host killed together with its
    /// children leaves one behind. A directory changed in the last ten minutes may belong to a server starting now.
    /// </summary>
    private static void DeleteAbandoned()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "icp-postgres-*"))
        {
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            if (Directory.GetLastWriteTimeUtc(directory) > DateTime.UtcNow.AddMinutes(-10)
                || (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && IsRunning(pid)))
            {
                continue;
            }
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Answers once the server accepts a connection; a server that exits, or is not ready in a minute, fails.</summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {process.ExitCode} before it was ready.");
            }
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static ProcessStartInfo Start(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static async Task RunAsync(string[] command, CancellationToken cancellationToken)
    {
        using var process = Process.Start(Start(command)) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static void Forward(TextWriter? log, string? line)
    {
        if (line is not null && log is not null)
        {
            lock (log)
            {
                log.WriteLine("  postgres: " + line);
            }
        }
    }
}
