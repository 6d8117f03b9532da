using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// The start-up row: the server started as a test suite's harness starts it, on a fresh temporary SQLite database each
/// time, timed from the moment its process is started to its first answered call (Ping), then its first and second
/// SubmitFiling; the median of each over the starts.
/// </summary>
public static class StartupBench
{
    /// <summary>How long a start may take before the row gives up on it: a loaded machine is slow, not broken.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<StartupFigures> MeasureAsync(int starts, TextWriter log)
    {
        log.WriteLine($"startup: {starts} starts of {ServerProcess.ServerDll}");
        var runs = new List<StartupRun>();
        for (var i = 0; i < starts; i++)
        {
            var run = await StartOnceAsync(i);
            log.WriteLine($"startup {i + 1}/{starts}: first answer {run.FirstAnswerMs:N0} ms ({run.FirstAnswerCpuMs:N0} ms of CPU), "
                + $"first SubmitFiling {run.FirstSubmitMs:N0} ms ({run.FirstSubmitCpuMs:N0} ms of CPU), second {run.SecondSubmitMs:N1} ms");
            runs.Add(run);
        }
        return new StartupFigures(
            starts,
            Median(runs.Select(r => r.FirstAnswerMs)),
            Median(runs.Select(r => r.FirstSubmitMs)),
            Median(runs.Select(r => r.SecondSubmitMs)),
            Median(runs.Select(r => r.FirstAnswerCpuMs)),
            Median(runs.Select(r => r.FirstSubmitCpuMs)),
            runs);
    }

    private static async Task<StartupRun> StartOnceAsync(int index)
    {
        var directory = Directory.CreateTempSubdirectory("icp-bench-startup-");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[ServerProcess.ServerDll, "--port", port.ToString(CultureInfo.InvariantCulture), "--web-port", "0",
            "--data", Path.Combine(directory.FullName, "icp-regulator.db"), "--clock-start", "2026-03-02T09:00:00+08:00", "--clock-rate", "0",
            "--Logging:LogLevel:Default=Warning"])
        {
            start.ArgumentList.Add(arg);
        }
        var output = new List<string>();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the server.");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            await WaitForListenerAsync(port, process, clock, output);
            // A channel of its own for each try: a channel whose connection was refused waits out a backoff before
            // it tries again, which would be counted as the server's start.
            using var channel = await FirstAnswerAsync(address, process, clock, output);
            var firstAnswer = clock.Elapsed;
            var firstAnswerCpu = CpuMilliseconds(process);
            var client = Bench.Client(channel, address);
            // A seed of its own per start, so that no start's filings are refused as already filed (each database is new anyway).
            var samples = new SampleFilings(1000 + index);
            var submit = Stopwatch.StartNew();
            await client.SubmitAsync(new SubmitFilingRequest { Filing = samples.CompanyInTurn() });
            var first = submit.Elapsed;
            var firstCpu = CpuMilliseconds(process) - firstAnswerCpu;
            submit.Restart();
            await client.SubmitAsync(new SubmitFilingRequest { Filing = samples.CompanyInTurn() });
            var second = submit.Elapsed;
            return new StartupRun(Math.Round(firstAnswer.TotalMilliseconds, 1), Math.Round(first.TotalMilliseconds, 1), Math.Round(second.TotalMilliseconds, 1),
                firstAnswerCpu, firstCpu);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Polls the port every few milliseconds: connecting to a closed port on the loopback costs next to nothing.</summary>
    private static async Task WaitForListenerAsync(int port, Process process, Stopwatch clock, List<string> output)
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Check(process, clock, output);
                await Task.Delay(5);
            }
        }
    }

    private static async Task<GrpcChannel> FirstAnswerAsync(Uri address, Process process, Stopwatch clock, List<string> output)
    {
        while (true)
        {
            var channel = GrpcChannel.ForAddress(address);
            try
            {
                await Bench.Client(channel, address).PingAsync();
                return channel;
            }
            catch (RegulatorCallException)
            {
                channel.Dispose();
                Check(process, clock, output);
                await Task.Delay(5);
            }
        }
    }

    /// <summary>
    /// The CPU time the server has used (user and system, from /proc): beside the elapsed time, it shows what a start
    /// costs on a machine busy with other work, where the elapsed time is mostly waiting for a core.
    /// </summary>
    private static double CpuMilliseconds(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // The fields after the command's name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>USER_HZ, which the kernel's ABI fixes at 100 on Linux whatever the kernel's own tick rate.</summary>
    private const int ClockTicksPerSecond = 100;

    private static void Check(Process process, Stopwatch clock, List<string> output)
    {
        if (process.HasExited || clock.Elapsed > Patience)
        {
            string tail;
            lock (output)
            {
                tail = string.Join(Environment.NewLine, output.TakeLast(20));
            }
            throw new InvalidOperationException(process.HasExited
                ? $"The server stopped before it answered (exit code {process.ExitCode}):{Environment.NewLine}{tail}"
                : $"The server did not answer within {Patience}:{Environment.NewLine}{tail}");
        }
    }

    private static void Keep(List<string> output, string? line)
    {
        if (line is { Length: > 0 })
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// One start: from the process's start to its first answer, then its first and second SubmitFiling, in ms; and the CPU
/// time the server used up to its first answer and for its first SubmitFiling.
/// </summary>
public sealed record StartupRun(double FirstAnswerMs, double FirstSubmitMs, double SecondSubmitMs, double FirstAnswerCpuMs, double FirstSubmitCpuMs);

/// <summary>The medians over <see cref="Starts"/> starts, and each start's figures.</summary>
public sealed record StartupFigures(
    int Starts, double FirstAnswerMs, double FirstSubmitMs, double SecondSubmitMs, double FirstAnswerCpuMs, double FirstSubmitCpuMs,
    IReadOnlyList<StartupRun> Runs);
