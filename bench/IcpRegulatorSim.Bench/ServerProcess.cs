using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Bench;

/// <summary>The simulator as its own process (Release build, temporary database, frozen clock), so its memory is its own.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address, string database)
    {
        this.process = process;
        Address = address;
        Database = database;
    }

    public Uri Address { get; }
    public string Database { get; }

    public static async Task<ServerProcess> StartAsync(string repository, string directory)
    {
        var dll = Path.Combine(repository, "src/IcpRegulatorSim.Server/bin/Release/net10.0/IcpRegulatorSim.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the server in Release first (make bench does).", dll);
        }
        var port = FreePort();
        var database = Path.Combine(directory, "bench.db");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                dll, "--port", port.ToString(), "--data", database, "--clock-start", "2026-03-02T09:00:00+08:00", "--clock-rate", "0",
                "--Logging:LogLevel:Default=Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), database);
        await server.WaitUntilServingAsync();
        return server;
    }

    /// <summary>The most memory the server has held (VmHWM), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
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
            catch (RegulatorCallException) when (timer.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                // Not listening yet.
            }
        }
    }

    private static void Forward(string? line)
    {
        if (line is { Length: > 0 })
        {
            Console.Error.WriteLine($"  server: {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
