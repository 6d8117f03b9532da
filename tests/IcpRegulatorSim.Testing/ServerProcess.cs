using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// The simulator as a process of its own, built in the configuration of this assembly, on a database file and a frozen
/// clock: its memory is its own, and it can be killed outright.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    /// <summary>The process's last lines of output, whatever the log: said when it exits before it serves.</summary>
    private readonly Queue<string> lastLines = new();

    private const int LinesKept = 40;

    private ServerProcess(Process process, Uri address, string database, Uri? webAddress)
    {
        this.process = process;
        Address = address;
        Database = database;
        WebAddress = webAddress;
    }

    /// <summary>
    /// The xunit collection of the tests that put a load on server processes of their own: they run one at a time. Each
    /// waits for its nodes' answers within a patience, and two such loads at once on a small machine starve each other.
    /// </summary>
    public const string UnderLoad = "server processes under load";

    /// <summary>
    /// The server's build beside this one: the same configuration, in the repository's src/ tree; its copy compiled
    /// ahead (ready/, which a Release build on linux-x64 publishes beside the build) where there is one, as a provider's
    /// suite would want its regulator to start.
    /// </summary>
    public static string ServerDll
    {
        get
        {
            var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var output = Path.Combine(Repository.Root, $"src/IcpRegulatorSim.Server/bin/{configuration}/net10.0");
            var ready = Path.Combine(output, "ready", "IcpRegulatorSim.Server.dll");
            return File.Exists(ready) ? ready : Path.Combine(output, "IcpRegulatorSim.Server.dll");
        }
    }

    public Uri Address { get; }
    public string Database { get; }

    /// <summary>The pages' address (HTTP/1.1); null when they are off (<c>--web-port -1</c>) or on a port the OS picked (<c>0</c>).</summary>
    public Uri? WebAddress { get; }

    /// <summary>
    /// Starts the server on <paramref name="database"/>; its output goes to <paramref name="log"/>, a line each. Its pages
    /// are on a free port (see <see cref="WebAddress"/>), unless <paramref name="args"/> name a <c>--web-port</c>.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string database, TextWriter log, params string[] args)
    {
        var dll = ServerDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the server first (make bench and make test do).", dll);
        }
        var named = args.SkipWhile(a => a != "--web-port").Skip(1).FirstOrDefault();
        var webPort = named ?? FreePort().ToString(CultureInfo.InvariantCulture);
        var webAddress = int.TryParse(webPort, CultureInfo.InvariantCulture, out var port) && port > 0 ? new Uri($"http://127.0.0.1:{port}") : null;
        return StartProgramAsync(dll, database, log, ["--data", database, .. named is null ? (string[])["--web-port", webPort] : [],
            "--clock-start", "2026-03-02T09:00:00+08:00", "--clock-rate", "0", "--Logging:LogLevel:Default=Warning", .. args], null, webAddress);
    }

    /// <summary>
    /// Starts <paramref name="dll"/> with <c>--port</c> and a free port, then <paramref name="args"/>, and waits until
    /// SandboxService.Ping answers there: the server, or a program that stands in for it (the bench's bare server); in
    /// <paramref name="workingDirectory"/>, or this process's own.
    /// </summary>
    public static Task<ServerProcess> StartProgramAsync(
        string dll, string database, TextWriter log, IEnumerable<string> args, string? workingDirectory = null) =>
        StartProgramAsync(dll, database, log, args, workingDirectory, null);

    private static async Task<ServerProcess> StartProgramAsync(
        string dll, string database, TextWriter log, IEnumerable<string> args, string? workingDirectory, Uri? webAddress)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in (string[])[dll, "--port", port.ToString(CultureInfo.InvariantCulture), .. args])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), database, webAddress);
        process.OutputDataReceived += (_, e) => server.Forward(log, e.Data);
        process.ErrorDataReceived += (_, e) => server.Forward(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilServingAsync();
        return server;
    }

    /// <summary>The server's process id.</summary>
    public int Id => process.Id;

    /// <summary>Whether the process has ended, killed or by itself.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The most memory the server has held (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM:");

    /// <summary>The CPU time the server has used so far, its threads' user and system time together.</summary>
    public TimeSpan CpuTime()
    {
        // /proc/PID/stat: utime and stime are the 14th and 15th fields, in clock ticks (100 a second on Linux); the
        // command's name, the 2nd, is in parentheses and may hold spaces, so the fields are counted after it.
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The memory the server holds now (VmRSS), in bytes.</summary>
    public long ResidentBytes() => StatusBytes("VmRSS:");

    private long StatusBytes(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Kills the server outright (no graceful shutdown): what was acknowledged must already be in the database.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    /// <summary>
    /// How long a server process may take to answer its first call: on a busy machine several starting at once (nodes
    /// migrating one database) have taken most of a minute.
    /// </summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var gateway = new ProviderGatewayClient(channel, new GatewayOptions { Address = Address, MaxAttempts = 1 });
        for (var timer = Stopwatch.StartNew(); ; await Task.Delay(100))
        {
            try
            {
                await gateway.PingAsync();
                return;
            }
            catch (RegulatorCallException) when (timer.Elapsed < StartLimit && !process.HasExited)
            {
                // Not listening yet.
            }
            catch (RegulatorCallException) when (process.HasExited)
            {
                // Its output is read to its end before the exit is reported in full.
                await process.WaitForExitAsync();
                string said;
                lock (lastLines)
                {
                    said = string.Join(Environment.NewLine, lastLines);
                }
                throw new InvalidOperationException(
                    $"The server at {Address} exited with code {process.ExitCode} before it answered. Its last lines:{Environment.NewLine}{said}");
            }
        }
    }

    private void Forward(TextWriter log, string? line)
    {
        if (line is { Length: > 0 })
        {
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                if (lastLines.Count > LinesKept)
                {
                    lastLines.Dequeue();
                }
            }
            lock (log)
            {
                log.WriteLine($"  server: {line}");
            }
        }
    }

    /// <summary>A port nothing listens on at the moment (the bench gives one to each node's web pages and /metrics).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
