using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// A throwaway PostgreSQL for tests: <c>initdb</c> in a temporary directory, the server listening on 127.0.0.1 on a free
/// port, both run as an unprivileged user when the tests run as root (PostgreSQL refuses root: the image's
/// <c>postgres</c> user). Everything is deleted on dispose. Durability is the database's own business, not the tests':
/// it runs without fsync. A test may take it down as an outage would (<see cref="StopAsync"/>) and start it again.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string bin;
    private readonly string[] asUser;
    private readonly TextWriter? log;
    private readonly Process watchdog;
    private Process? server;

    private PostgresServer(string bin, string[] asUser, TextWriter? log, Process watchdog, string directory, int port)
    {
        this.bin = bin;
        this.asUser = asUser;
        this.log = log;
        this.watchdog = watchdog;
        Directory = directory;
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

    /// <summary>Where the cluster (<c>data/</c>) and the server's socket live; deleted with the server.</summary>
    public string Directory { get; }

    private string Data => Path.Combine(Directory, "data");

    /// <summary>A connection string whose search path is <paramref name="schema"/>: a simulator there creates it and keeps its tables in it.</summary>
    public string InSchema(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    /// <summary>The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/N/bin), if any.</summary>
    public static string? BinDirectory =>
        System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    public static async Task<PostgresServer> StartAsync(TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL is not installed; `make test` installs Debian's postgresql.");
        DeleteAbandoned();
        var directory = System.IO.Directory.CreateTempSubdirectory("icp-postgres-").FullName;
        string[] asUser = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
        if (asUser.Length > 0)
        {
            await RunAsync(["chown", "postgres:postgres", directory], cancellationToken);
        }
        await RunAsync([.. asUser, Path.Combine(bin, "initdb"), "-D", Path.Combine(directory, "data"), "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale"],
            cancellationToken);
        // A watchdog stops the server, and deletes its directory, when this process is gone however it ended: a test
        // host killed at the end of a run, or by a timeout, runs no disposal. It runs in a session of its own, without a
        // terminal, its output nowhere: `make test &` stopped by the shell's job control, or its terminal closed, does
        // not stop it with the test process.
        var watchdog = Process.Start(Command(["setsid", "sh", "-c", Watchdog, "watchdog",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), directory, .. asUser, Path.Combine(bin, "pg_ctl")], redirect: false))
            ?? throw new InvalidOperationException("The PostgreSQL watchdog did not start.");
        var server = new PostgresServer(bin, asUser, log, watchdog, directory, ServerProcess.FreePort());
        try
        {
            await server.StartAgainAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>
    /// <c>sh -c</c> with the test process's id, the directory, then the command that runs <c>pg_ctl</c>: looks once a
    /// second whether the test process is still there, and once it is not, stops the server at once, ends any process
    /// of it left (a backend whose postmaster went before it), and deletes the directory. Disposal deletes the
    /// directory itself, and the watchdog goes with it.
    /// </summary>
    private const string Watchdog = """
        exec </dev/null >/dev/null 2>&1
        owner=$1; directory=$2; shift 2
        while kill -0 "$owner" && [ -d "$directory" ]; do sleep 1; done
        [ -d "$directory" ] || exit 0
        "$@" stop -D "$directory/data" -m immediate -w -t 30
        for process in /proc/[0-9]*; do
          case "$(readlink "$process/cwd")" in "$directory"/data*) kill -KILL "${process#/proc/}";; esac
        done
        rm -rf "$directory"
        """;

    /// <summary>
    /// Takes the server down as an outage does: <c>pg_ctl stop -m immediate</c>, every session cut at once, no
    /// shutdown checkpoint. <see cref="StartAgainAsync"/> brings it back on the same port, with the same data.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync([.. asUser, Path.Combine(bin, "pg_ctl"), "stop", "-D", Data, "-m", "immediate", "-w", "-t", "60"], cancellationToken);
        if (server is { } stopped)
        {
            await stopped.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Starts the server (again, after <see cref="StopAsync"/>) and answers once it accepts a connection. It runs in a
    /// session of its own, like the watchdog, so that job control stopping the test process does not stop it either.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        server?.Dispose();
        var process = Process.Start(Command(["setsid", .. asUser, Path.Combine(bin, "postgres"), "-D", Data,
            "-p", Port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", Directory,
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400"], redirect: true))
            ?? throw new InvalidOperationException("PostgreSQL did not start.");
        process.OutputDataReceived += (_, e) => Forward(log, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server = process;
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    /// <summary>
    /// Deletes the directories of throwaway servers that are no longer running: a test host killed together with its
    /// children leaves one behind. A directory changed in the last ten minutes may belong to a server starting now.
    /// </summary>
    private static void DeleteAbandoned()
    {
        foreach (var directory in System.IO.Directory.GetDirectories(Path.GetTempPath(), "icp-postgres-*"))
        {
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            if (System.IO.Directory.GetLastWriteTimeUtc(directory) > DateTime.UtcNow.AddMinutes(-10)
                || (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && IsRunning(pid)))
            {
                continue;
            }
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static bool IsRunning(int pid) => System.IO.Directory.Exists($"/proc/{pid}");

    /// <summary>
    /// Stops the server with its every process (the postmaster waits for its backends), then the watchdog, and deletes
    /// the directory.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false } running)
        {
            try
            {
                await RunAsync([.. asUser, Path.Combine(bin, "pg_ctl"), "stop", "-D", Data, "-m", "immediate", "-w", "-t", "60"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // pg_ctl could not stop it (the postmaster hung, or went away meanwhile): what is left goes outright.
                running.Kill(entireProcessTree: true);
            }
            await running.WaitForExitAsync();
        }
        server?.Dispose();
        KillLeftovers();
        if (!watchdog.HasExited)
        {
            watchdog.Kill(entireProcessTree: true);
            await watchdog.WaitForExitAsync();
        }
        watchdog.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>
    /// Ends every process still working in the cluster's directory: a backend outlives a postmaster that was killed
    /// (its own directory, its current one, tells it from other servers' processes).
    /// </summary>
    private void KillLeftovers()
    {
        foreach (var process in System.IO.Directory.GetDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _)))
        {
            string? cwd;
            try
            {
                cwd = new DirectoryInfo(Path.Combine(process, "cwd")).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (cwd is not null && cwd.StartsWith(Data, StringComparison.Ordinal))
            {
                try
                {
                    using var leftover = Process.GetProcessById(int.Parse(Path.GetFileName(process), CultureInfo.InvariantCulture));
                    leftover.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone meanwhile.
                }
            }
        }
    }

    /// <summary>Answers once the server accepts a connection; a server that exits, or is not ready in a minute, fails.</summary>
    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
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

    private static ProcessStartInfo Command(string[] command, bool redirect)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            WorkingDirectory = "/",
        };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static async Task RunAsync(string[] command, CancellationToken cancellationToken)
    {
        using var process = Process.Start(Command(command, redirect: true)) ?? throw new InvalidOperationException($"{command[0]} did not start.");
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
