using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Hosting;

namespace IcpRegulatorSim.Harness;

/// <summary>
/// The simulator as a process of its own: <c>dotnet exec</c> of the server assembly this package brought, resolving
/// its dependencies through the test assembly's own dependency file (where the package manager put them).
/// </summary>
internal sealed class ChildProcessHost : IRegulatorHost
{
    private readonly Process process;

    private ChildProcessHost(Process process, Uri address, Uri? httpAddress)
    {
        this.process = process;
        Address = address;
        HttpAddress = httpAddress;
    }

    public Uri Address { get; }

    public Uri? HttpAddress { get; }

    /// <summary>
    /// Starts the server on two free ports. A port taken by another process between the choice and the bind ends the
    /// server at once; it is then started again on others, up to three times.
    /// </summary>
    public static async Task<ChildProcessHost> StartAsync(List<string> arguments, bool http, TextWriter? log, CancellationToken cancellationToken)
    {
        var runtimeConfig = Path.Combine(Path.GetTempPath(), $"icp-regulator-{Guid.NewGuid():N}.runtimeconfig.json");
        await File.WriteAllTextAsync(runtimeConfig, RuntimeConfig, cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var host = Launch(arguments, http, log, runtimeConfig, out var output);
                try
                {
                    await host.WaitUntilServingAsync(output, cancellationToken);
                    return host;
                }
                catch (Exception) when (attempt < 3 && host.process.HasExited && !cancellationToken.IsCancellationRequested)
                {
                    await host.DisposeAsync();
                }
                catch
                {
                    await host.DisposeAsync();
                    throw;
                }
            }
        }
        finally
        {
            // The host has read it by the time the server answers (or has stopped).
            File.Delete(runtimeConfig);
        }
    }

    private static ChildProcessHost Launch(List<string> arguments, bool http, TextWriter? log, string runtimeConfig, out ProcessOutput output)
    {
        var port = FreePort();
        var webPort = http ? FreePort() : -1;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] all =
        [
            "exec", "--runtimeconfig", runtimeConfig, "--depsfile", DependencyFile(), typeof(RegulatorOptions).Assembly.Location,
            "--port", port.ToString(CultureInfo.InvariantCulture), "--web-port", webPort.ToString(CultureInfo.InvariantCulture),
            .. arguments,
        ];
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }
        var lines = output = new ProcessOutput(log);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the simulator.");
        process.OutputDataReceived += (_, e) => lines.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lines.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcessHost(process, Uri(port), http ? Uri(webPort) : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private async Task WaitUntilServingAsync(ProcessOutput output, CancellationToken cancellationToken)
    {
        using var gateway = new ProviderGatewayClient(new GatewayOptions { Address = Address, MaxAttempts = 1, CallTimeout = TimeSpan.FromSeconds(5) });
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The simulator stopped before it served (exit code {process.ExitCode}):{Environment.NewLine}{output.Tail()}");
            }
            try
            {
                await gateway.PingAsync(cancellationToken);
                return;
            }
            catch (RegulatorCallException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    // Microsoft.NETCore.App and Microsoft.AspNetCore.App of the running major version, rolled forward as the test's own are.
    private static string RuntimeConfig =>
        $$$"""
        {"runtimeOptions":{"tfm":"net{{{Environment.Version.Major}}}.0","rollForward":"LatestPatch","frameworks":[
          {"name":"Microsoft.NETCore.App","version":"{{{Environment.Version}}}"},
          {"name":"Microsoft.AspNetCore.App","version":"{{{Environment.Version.Major}}}.0.0"}]}}
        """;

    /// <summary>The test assembly's .deps.json: it names every assembly the bundled server needs, and where each is.</summary>
    private static string DependencyFile() =>
        (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
        ?? throw new InvalidOperationException("This process has no .deps.json; start the simulator in-process (RegulatorHosting.InProcess).");

    /// <summary>The dotnet host running this process (the SDK sets DOTNET_HOST_PATH for what it starts), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    private static Uri Uri(int port) => new($"http://127.0.0.1:{port}/");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's output: forwarded to the log, and its last lines kept to explain a failed start.</summary>
    private sealed class ProcessOutput(TextWriter? log)
    {
        private readonly Queue<string> tail = new();

        public void Add(string? line)
        {
            if (line is not { Length: > 0 })
            {
                return;
            }
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40)
                {
                    tail.Dequeue();
                }
                log?.WriteLine(line);
            }
        }

        public string Tail()
        {
            lock (tail)
            {
                return string.Join(Environment.NewLine, tail);
            }
        }
    }
}
